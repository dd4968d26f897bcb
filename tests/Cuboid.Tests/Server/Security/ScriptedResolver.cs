using System.Collections.Concurrent;
using System.Net;
using Cuboid.Server.Security;

namespace Cuboid.Tests.Server.Security;

/// <summary>A resolver whose answers are scripted per host, in order (the last one repeats): DNS rebinding on demand.</summary>
public sealed class ScriptedResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPAddress[]> _last = new(StringComparer.OrdinalIgnoreCase);

    public ScriptedResolver Answer(string host, params string[][] answers)
    {
        var queue = _answers.GetOrAdd(host, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue([.. answer.Select(IPAddress.Parse)]);
        }

        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue(host, out var queue) && queue.TryDequeue(out var next))
        {
            _last[host] = next;
            return Task.FromResult(next);
        }

        return _last.TryGetValue(host, out var last)
            ? Task.FromResult(last)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
