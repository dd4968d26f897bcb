namespace Cuboid.Generation.Providers;

/// <summary>
/// What every URL-output job reply shares (Replicate predictions, OpenRouter videos, Runway tasks): the host's state word maps
/// through the host's own table, except its "done" word, which is <see cref="VideoJobState.Succeeded"/> only with at least one
/// output; done with nothing to download is <see cref="VideoJobState.Failed"/>, with an error that says so.
/// </summary>
internal static class DoneWordReply
{
    public static VideoJobStatus Status(
        string host, string providerJobId, string raw, string doneWord, IReadOnlyList<VideoOutput> outputs, Func<string, VideoJobState> states, string? error, TimeSpan? pollAfter)
    {
        var done = raw == doneWord;
        var state = done ? outputs.Count > 0 ? VideoJobState.Succeeded : VideoJobState.Failed : states(raw);
        return new VideoJobStatus
        {
            ProviderJobId = providerJobId,
            RawState = raw,
            State = state,
            Outputs = state == VideoJobState.Succeeded ? outputs : [],
            Error = error ?? (done && outputs.Count == 0 ? $"{host} {raw.ToLowerInvariant()} without an output" : null),
            PollAfter = pollAfter,
        };
    }
}
