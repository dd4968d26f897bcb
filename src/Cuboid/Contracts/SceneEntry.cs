namespace Cuboid.Contracts;

/// <summary>One entry of <c>scenes</c> in <see cref="ScenesDocument"/> (from <see cref="Media.Scenes.SceneList"/>).</summary>
/// <param name="Start">Seconds, rounded to the microsecond.</param>
/// <param name="End">Seconds (exclusive), rounded to the microsecond.</param>
/// <param name="StartFrame">Index of the scene's first frame.</param>
/// <param name="EndFrame">Index of the frame after its last (exclusive, like <paramref name="End"/>).</param>
public sealed record SceneEntry(double Start, double End, long StartFrame, long EndFrame);
