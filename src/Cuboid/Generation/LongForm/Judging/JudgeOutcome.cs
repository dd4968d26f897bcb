namespace Cuboid.Generation.LongForm;

/// <summary>What a judging pass produced: a verdict per segment it could caption, in order, and what it warns about
/// (a captioner that stopped, an unusable scoring answer).</summary>
internal sealed record JudgeOutcome(IReadOnlyList<SegmentVerdict> Verdicts, IReadOnlyList<string> Warnings);
