using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>The transcript on the video's clock, the speech intervals, calls made, cache hits, and the failure that stopped the stage, if any.</summary>
internal sealed record TranscribeStageResult(IReadOnlyList<TranscriptSegment> Segments, IReadOnlyList<TimeRange> Speech, int Pieces, int Calls, int CacheHits, CuboidException? Stop)
{
    /// <summary>What the report should say about a transcript that covers less than the video (the audio ends early or
    /// could not be read past a point); the part that was heard is kept.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static TranscribeStageResult None { get; } = new([], [], 0, 0, 0, null);
}
