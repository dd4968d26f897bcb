namespace Cuboid.Generation.LongForm;

/// <summary>One segment to judge: its number, the take kept, its shot's prompt, and where its middle frame is in the joined video (s).</summary>
internal sealed record JudgedShot(int Index, int Take, string Prompt, double Time, double Start, double End);
