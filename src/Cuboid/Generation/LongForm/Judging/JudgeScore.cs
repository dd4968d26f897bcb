namespace Cuboid.Generation.LongForm;

/// <summary>One segment's entry in the reasoning model's answer: its 1-based number as the prompt lists it, the score (0-10) and why.</summary>
internal sealed record JudgeScore(int Segment, double Score, string Reason);
