using Cuboid.Understanding.Reports;

namespace Cuboid.Storage;

/// <summary>A transcript of one audio piece found in the cache (times relative to the piece), with its model.</summary>
public sealed record CachedTranscript(string Model, IReadOnlyList<TranscriptSegment> Segments);
