using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>What the reasoning model wrote: validated, with chapters clamped to the video and in order.</summary>
internal sealed record SynthesisResult(string Summary, IReadOnlyList<Chapter> Chapters, IReadOnlyList<KeyMoment> KeyMoments, IReadOnlyList<string> Topics);
