using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Cuboid.Server.Jobs;

/// <summary>
/// Hangfire's logging through the host's <see cref="ILoggerFactory"/>. Hangfire keeps its log provider in a static, so
/// it outlives the host that set it (a server restarted in one process, hosts in tests): once that host's factory is
/// disposed, Hangfire's own lines are dropped instead of throwing inside storage and queue calls.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static SilentLog Instance { get; } = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
