namespace Cuboid.Testing.Generation;

/// <summary>
/// Faults queued per host model, each request taking the next; an empty queue answers <c>ok</c>. The image and video host
/// simulators script their faults through one of these, so "queue per model, one per request" is written once.
/// </summary>
public sealed class FaultScript<TFault>(TFault ok)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<TFault>> _queues = new(StringComparer.Ordinal);

    public void Add(string model, IEnumerable<TFault> faults)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(model, out var queue))
            {
                _queues[model] = queue = new Queue<TFault>();
            }

            foreach (var fault in faults)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>The next fault for <paramref name="model"/>, or the normal answer when none is queued.</summary>
    public TFault Next(string model)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(model, out var queue) && queue.TryDequeue(out var next) ? next : ok;
        }
    }
}
