namespace Cuboid.Media.Scenes;

/// <summary>One shot between two cuts (or the file's start and end).</summary>
/// <param name="Index">0-based position in the file.</param>
/// <param name="Start">Start in seconds, rounded to the microsecond.</param>
/// <param name="End">End in seconds (exclusive), rounded to the microsecond.</param>
/// <param name="StartFrame">Index of the scene's first decoded frame.</param>
/// <param name="EndFrame">Index of the frame after its last (exclusive, like <paramref name="End"/>).</param>
/// <param name="StartKind">What begins it: <c>start</c> (the file's first frame), <c>cut</c> or <c>fade</c>.</param>
public sealed record Scene(int Index, double Start, double End, long StartFrame, long EndFrame, string StartKind);
