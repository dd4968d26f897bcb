using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Generation.Jobs;

/// <summary>A fake clock that reports every timer created on it, so a test advances time only once the runner is parked.</summary>
internal sealed class TimerRecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due times of timers created so far and not yet read.</summary>
    public ChannelReader<TimeSpan> Created => _created.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }
}
