using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio;

/// <summary>A fake clock that counts the timers made on it and how often they fire, to show that a hot path makes none and an idle one sleeps.</summary>
internal sealed class CountingTimeProvider : TimeProvider
{
    public FakeTimeProvider Clock { get; } = new();

    public int TimersMade { get; private set; }

    public int TimerFirings { get; private set; }

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersMade++;
        return Clock.CreateTimer(s =>
        {
            TimerFirings++;
            callback(s);
        }, state, dueTime, period);
    }
}
