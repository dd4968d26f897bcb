using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// What the caption stage produced: every kept sample (captioned unless the stage stopped), how many
/// near-duplicates were skipped, calls made and cache hits, and the failure that stopped it, if any.
/// </summary>
internal sealed record CaptionStageResult(IReadOnlyList<ReportSample> Samples, int Skipped, int Calls, int CacheHits, CuboidException? Stop);
