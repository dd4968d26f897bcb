using System.Collections.Concurrent;

namespace Cuboid.Portfolio;

/// <summary>
/// Observed latencies of successful calls per task and model in this run, for the latency policy (median of the last 32).
/// Per task, because a caption's latency says nothing about a long reasoning answer from the same model.
/// </summary>
internal sealed class LatencyTracker
{
    private const int Window = 32;
    private readonly ConcurrentDictionary<string, Queue<TimeSpan>> _samples = new(StringComparer.Ordinal);

    public void Observe(string task, string modelId, TimeSpan latency)
    {
        var queue = _samples.GetOrAdd(Key(task, modelId), _ => new Queue<TimeSpan>(Window));
        lock (queue)
        {
            if (queue.Count == Window)
            {
                queue.Dequeue();
            }

            queue.Enqueue(latency);
        }
    }

    public TimeSpan? Median(string task, string modelId)
    {
        if (!_samples.TryGetValue(Key(task, modelId), out var queue))
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

    private static string Key(string task, string modelId) => task + "|" + modelId;
}
