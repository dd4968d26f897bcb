using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>The transcript on the video's clock, the speech intervals, calls made, cache hits, and the failure that stopped the stage, if any.</summary>
internal sealed record TranscribeStageResult(IReadOnlyList<TranscriptSegment> Segments, IReadOnlyList<TimeRange> Speech, int Pieces, int Calls, int CacheHits, CuboidException? Stop)
{
    public static TranscribeStageResult None { get; } = new([], [], 0, 0, 0, null);
}
