namespace Cuboid.Generation;

/// <summary>Rules over <see cref="VideoJobState"/>: which states end a job and which moves are allowed (states only move forward).</summary>
public static class VideoJobStates
{
    /// <summary>Whether a job in <paramref name="state"/> will not move again (succeeded, failed, cancelled, expired, aborted or unknown).</summary>
    public static bool IsTerminal(this VideoJobState state) => state is VideoJobState.Succeeded or VideoJobState.Failed
        or VideoJobState.Cancelled or VideoJobState.Expired or VideoJobState.Aborted or VideoJobState.Unknown;

    /// <summary>The job has been accepted by the host and has not ended, so it must be polled, never re-created.</summary>
    public static bool IsLive(this VideoJobState state) => state is VideoJobState.Pending or VideoJobState.Queued
        or VideoJobState.Throttled or VideoJobState.Running;

    /// <summary>
    /// Whether a job may move from <paramref name="from"/> to <paramref name="to"/>. A late poll that reports an
    /// earlier state (running after succeeded, queued after running) is ignored; throttled and queued may alternate.
    /// An unknown job may still be reconciled to what the host says.
    /// </summary>
    public static bool CanMove(VideoJobState from, VideoJobState to)
    {
        if (from == to)
        {
            return true;
        }

        if (from == VideoJobState.Unknown)
        {
            return to != VideoJobState.Submitting;
        }

        if (from.IsTerminal())
        {
            // An expired result is the one late news about a finished job: its outputs were gone before download.
            return from == VideoJobState.Succeeded && to == VideoJobState.Expired;
        }

        return Rank(to) >= Rank(from);
    }

    private static int Rank(VideoJobState state) => state switch
    {
        VideoJobState.Submitting => 0,
        VideoJobState.Pending => 1,
        VideoJobState.Queued or VideoJobState.Throttled => 2,
        VideoJobState.Running => 3,
        _ => 4,
    };

    /// <summary>The lowercase word used in records, JSON and the CLI (<c>succeeded</c>, <c>throttled</c>).</summary>
    public static string Word(this VideoJobState state) => state.ToString().ToLowerInvariant();
}
