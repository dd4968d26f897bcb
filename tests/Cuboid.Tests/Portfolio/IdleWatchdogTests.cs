using Cuboid.Portfolio;

namespace Cuboid.Tests.Portfolio;

public sealed class IdleWatchdogTests
{
    private static readonly TimeSpan Timeout30 = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Waits_that_end_at_once_make_no_timer_and_one_timer_serves_every_later_wait()
    {
        var time = new CountingTimeProvider();
        await using var watchdog = new IdleWatchdog(time);
        for (var i = 0; i < 5; i++)
        {
            watchdog.Begin(Timeout30);
            watchdog.End();
        }

        Assert.Equal(0, time.TimersMade);
        for (var i = 0; i < 5; i++)
        {
            watchdog.Begin(Timeout30);
            watchdog.Watch();
            watchdog.End();
        }

        Assert.Equal(1, time.TimersMade);
    }

    [Fact]
    public async Task A_wait_is_cancelled_when_it_reaches_its_timeout_and_not_before()
    {
        var time = new CountingTimeProvider();
        await using var watchdog = new IdleWatchdog(time);
        WaitAndExpectCancelAfter30Seconds(time, watchdog);
    }

    [Fact]
    public async Task Time_between_waits_does_not_count_towards_the_next_one()
    {
        var time = new CountingTimeProvider();
        await using var watchdog = new IdleWatchdog(time);
        watchdog.Begin(Timeout30);
        watchdog.Watch();
        time.Clock.Advance(TimeSpan.FromSeconds(10));
        watchdog.End();

        // The timer fires at 30 s with nothing waiting; the wait begun at 35 s has until 65 s.
        time.Clock.Advance(TimeSpan.FromSeconds(25));
        WaitAndExpectCancelAfter30Seconds(time, watchdog);
    }

    [Fact]
    public async Task With_nothing_waiting_the_timer_sleeps_until_the_next_wait_that_must_be_watched()
    {
        var time = new CountingTimeProvider();
        await using var watchdog = new IdleWatchdog(time);
        watchdog.Begin(Timeout30);
        watchdog.Watch();
        watchdog.End();

        // It finds nothing waiting once, then stays asleep (a stream nobody closes is not kept alive by its timer).
        time.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, time.TimerFirings);
        Assert.False(watchdog.Token.IsCancellationRequested);

        WaitAndExpectCancelAfter30Seconds(time, watchdog);
        Assert.Equal(1, time.TimersMade);
    }

    /// <summary>Begins a watched wait now: still alive at 29 s, cancelled at 30 s.</summary>
    private static void WaitAndExpectCancelAfter30Seconds(CountingTimeProvider time, IdleWatchdog watchdog)
    {
        watchdog.Begin(Timeout30);
        watchdog.Watch();
        time.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(watchdog.Token.IsCancellationRequested);
        time.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task An_infinite_timeout_never_cancels()
    {
        var time = new CountingTimeProvider();
        await using var watchdog = new IdleWatchdog(time);
        watchdog.Begin(Timeout.InfiniteTimeSpan);
        watchdog.Watch();
        time.Clock.Advance(TimeSpan.FromDays(3));
        Assert.False(watchdog.Token.IsCancellationRequested);
    }
}
