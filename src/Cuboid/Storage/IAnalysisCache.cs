using Cuboid.Understanding.Reports;

namespace Cuboid.Storage;

/// <summary>
/// What resumable analysis keeps: captions keyed by the frame's content hash, the model and the prompt key; transcripts
/// keyed by the audio's content hash, the model and the language; syntheses keyed by the hash of the exact timeline and
/// prompt; and one record per run. <see cref="AnalysisCache"/> is the embedded SQLite default; <c>Cuboid.PostgreSql</c>
/// shares one cache between processes. Safe across threads (and, for a shared cache, processes); a write of the same
/// key twice keeps one row.
/// </summary>
public interface IAnalysisCache
{
    /// <summary>The first cached caption for this frame and prompt among <paramref name="models"/>, in their order.</summary>
    CachedCaption? FindCaption(string frameHash, string promptKey, IEnumerable<string> models);

    void PutCaption(string frameHash, string promptKey, string model, string caption, DateTimeOffset at);

    /// <summary>Cached segments (times relative to the audio piece) for this audio among <paramref name="models"/>.</summary>
    CachedTranscript? FindTranscript(string audioHash, string language, IEnumerable<string> models);

    void PutTranscript(string audioHash, string language, string model, IReadOnlyList<TranscriptSegment> segments, DateTimeOffset at);

    /// <summary>A cached synthesis (JSON of the result) of this exact timeline and prompt among <paramref name="models"/>.</summary>
    string? FindSynthesis(string timelineHash, IEnumerable<string> models);

    void PutSynthesis(string timelineHash, string model, string resultJson, DateTimeOffset at);

    /// <summary>Records a finished (or stopped) run; recording the same id again replaces it.</summary>
    void RecordRun(RunRecord run);

    /// <summary>Every run, oldest first.</summary>
    IReadOnlyList<RunRecord> Runs();
}
