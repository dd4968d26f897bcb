using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// A transcription stage's finished result, kept for a later run of the same video: the transcript, the speech, how many
/// pieces there were and how many got an answer (called or cached), and the warnings. A stage that stopped (budget,
/// provider failure) is not recorded: the later run tries the missing pieces again.
/// </summary>
internal sealed record RecordedTranscript(IReadOnlyList<TranscriptSegment> Segments, IReadOnlyList<TimeRange> Speech, int Pieces, int Answered, IReadOnlyList<string> Warnings)
{
    public static RecordedTranscript? From(TranscribeStageResult result) =>
        result.Stop is not null ? null : new(result.Segments, result.Speech, result.Pieces, result.Calls + result.CacheHits, result.Warnings);

    /// <summary>The result as a later run sees it: every answered piece served from the cache, no call made.</summary>
    public TranscribeStageResult ToResult() => new(Segments, Speech, Pieces, Calls: 0, CacheHits: Answered, Stop: null) { Warnings = Warnings };
}
