using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Storage;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation.Jobs;

/// <summary>
/// The pause between status requests, on a fake clock that moves only while the runner waits: the host's poll-after hint
/// is followed (within bounds), and without one the pause grows by half each time up to the cap.
/// </summary>
public sealed class VideoJobPollingTests
{
    private static readonly VideoJobRunnerOptions Defaults = new();

    [Fact]
    public async Task Without_a_hint_the_pause_grows_by_half_from_the_two_second_floor_and_stops_at_thirty()
    {
        // Replicate's status replies carry no poll-after hint.
        var gaps = await PollGapsAsync("replicate", pollsToFinish: 10, hint: TimeSpan.Zero);

        // The back-off starts from the 2 s floor, so the first pause is already half again: 3 s.
        double[] expected = [3, 4.5, 6.75, 10.125, 15.1875, 22.78125, 30, 30, 30];
        Assert.Equal(expected.Length, gaps.Count);
        Assert.All(expected.Zip(gaps), p => Assert.Equal(p.First, p.Second.TotalSeconds, 0.002)); // The fake clock's timers keep whole milliseconds.
    }

    [Fact]
    public async Task The_hosts_poll_after_hint_sets_the_pause()
    {
        // OpenAI's openai-poll-after-ms header, as its SDK reads it.
        var gaps = await PollGapsAsync("openai", pollsToFinish: 5, hint: TimeSpan.FromSeconds(7));

        Assert.Equal([7, 7, 7, 7], gaps.Select(g => g.TotalSeconds));
    }

    [Fact]
    public async Task A_hint_below_the_floor_is_raised_to_it_and_one_above_the_cap_is_cut_to_it()
    {
        var tiny = await PollGapsAsync("openai", pollsToFinish: 4, hint: TimeSpan.FromMilliseconds(10));
        var huge = await PollGapsAsync("openai", pollsToFinish: 3, hint: TimeSpan.FromMinutes(5));

        Assert.All(tiny, g => Assert.Equal(Defaults.MinHintedPollInterval, g));
        Assert.Equal(3, tiny.Count);
        Assert.Equal([Defaults.MaxPollInterval, Defaults.MaxPollInterval], huge);
    }

    // Runs one job to its end with the runner's default pacing and returns the fake-clock gaps between its status requests.
    private static async Task<IReadOnlyList<TimeSpan>> PollGapsAsync(string host, int pollsToFinish, TimeSpan hint)
    {
        await using var sim = await VideoHostSimulator.StartAsync();
        sim.PollsToFinish = pollsToFinish;
        sim.PollAfter = hint;
        var time = new TimerRecordingTimeProvider();
        var generators = new PollTimesGeneratorSource(new SimulatorGenerators(sim), time);
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-poll-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = SqliteVideoJobStore.Open(folder);
            var runner = new VideoJobRunner(store, generators, Defaults, time);
            var outcome = await runner.SubmitAsync(JobHarness.Submission(host, $"sim/pace-{host}"));
            var wait = Task.Run(() => runner.WaitAsync(outcome.Job.Id));
            while (true)
            {
                // Each timer is a pause the runner has entered; moving the clock by exactly its due time ends it.
                var parked = time.Created.WaitToReadAsync().AsTask();
                await Task.WhenAny(parked, wait).WaitAsync(TimeSpan.FromSeconds(60));
                if (wait.IsCompleted)
                {
                    break;
                }

                time.Advance(await time.Created.ReadAsync());
            }

            var job = await wait;
            Assert.Equal(VideoJobState.Succeeded, job.State);
            var polls = generators.Polls.ToArray();
            Assert.Equal(pollsToFinish, polls.Length - 1); // One more read names the outputs for the download.
            return [.. polls.Take(pollsToFinish).Zip(polls.Skip(1).Take(pollsToFinish - 1), (a, b) => b - a)];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
