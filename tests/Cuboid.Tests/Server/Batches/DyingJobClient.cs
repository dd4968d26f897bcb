using Cuboid.Tests.Server.Videos;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// A Hangfire client whose first <paramref name="deaths"/> enqueues fail as a worker killed at that moment would: the
/// caller's earlier writes are committed, the job is never stored. The rest are recorded (<see cref="RecordingJobClient"/>).
/// </summary>
internal sealed class DyingJobClient(int deaths) : IBackgroundJobClient
{
    private int _deaths = deaths;

    public RecordingJobClient Recorded { get; } = new();

    public string Create(Job job, IState state) =>
        Interlocked.Decrement(ref _deaths) >= 0 ? throw new OperationCanceledException("the worker was killed before the enqueue") : Recorded.Create(job, state);

    public bool ChangeState(string jobId, IState state, string expectedState) => false;
}
