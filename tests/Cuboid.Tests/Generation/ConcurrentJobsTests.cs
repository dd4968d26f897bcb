using Cuboid.Generation;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary>Many jobs in one process sharing one store and one simulator: every job ends succeeded, none is lost or created twice.</summary>
public sealed class ConcurrentJobsTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>
{
    [Fact]
    public async Task Forty_concurrent_jobs_lose_no_state_transition_and_create_each_job_once()
    {
        // 40 keeps the suite quick on a shared 2-core machine; the 200-job run belongs in bench/ (not written yet).
        const int jobs = 40;
        // Polling every 100 ms (the default floor for a host's hint), not the other tests' 5 ms: many jobs at 5 ms is a load test of the test machine.
        using var harness = new JobHarness(fixture.Sim, options: JobHarness.FastPolling with
        {
            MinPollInterval = TimeSpan.FromMilliseconds(100), MinHintedPollInterval = TimeSpan.FromMilliseconds(100), MaxPollInterval = TimeSpan.FromMilliseconds(500),
        });
        var transitions = new System.Collections.Concurrent.ConcurrentDictionary<string, List<VideoJobState>>(StringComparer.Ordinal);
        harness.Runner.Changed += job =>
        {
            var seen = transitions.GetOrAdd(job.Id, _ => []);
            lock (seen)
            {
                if (seen.Count == 0 || seen[^1] != job.State)
                {
                    seen.Add(job.State);
                }
            }
        };
        var protocols = VideoHostSimulator.Protocols;

        var finished = await Task.WhenAll(Enumerable.Range(0, jobs).Select(async i =>
        {
            var host = protocols[i % protocols.Count];
            var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, $"sim/many-{host}", prompt: $"clip {i}"));
            return await harness.Runner.WaitAsync(outcome.Job.Id);
        }));

        Assert.All(finished, job => Assert.Equal(VideoJobState.Succeeded, job.State));
        Assert.All(finished, job => Assert.Single(job.Outputs));
        Assert.Equal(jobs, harness.Store.List(jobs + 10).Count);
        Assert.Equal(jobs, protocols.Sum(p => fixture.Sim.CreateCount($"sim/many-{p}")));
        // Every job went forward through the same path: submitting, accepted, running, succeeded.
        Assert.All(transitions.Values, states =>
        {
            Assert.Equal(VideoJobState.Submitting, states[0]);
            Assert.Equal(VideoJobState.Succeeded, states[^1]);
            Assert.Contains(VideoJobState.Running, states);
        });
    }
}
