using System.Collections.Concurrent;

namespace Cuboid.Portfolio;

/// <summary>Observed latencies of successful calls per model in this run, for the latency policy (median of the last 32).</summary>
internal sealed class LatencyTracker
{
    private const int Window = 32;
    private readonly ConcurrentDictionary<string, Queue<TimeSpan>> _samples = new(StringComparer.Ordinal);

    public void Observe(string modelId, TimeSpan latency)
    {
        var queue = _samples.GetOrAdd(modelId, _ => new Queue<TimeSpan>(Window));
        lock (queue)
        {
            if (queue.Count == Window)
            {
                queue.Dequeue();
            }

            queue.Enqueue(latency);
        }
    }

    public TimeSpan? Median(string modelId)
    {
        if (!_samples.TryGetValue(modelId, out var queue))
        {
            return null;
        }

        TimeSpan[] sorted;
        lock (queue)
        {
            sorted = [.. queue.Order()];
        }

        return sorted.Length == 0 ? null : sorted[sorted.Length / 2];
    }
}
