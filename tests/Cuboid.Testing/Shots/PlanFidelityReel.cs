namespace Cuboid.Testing.Shots;

/// <summary>
/// A reel that makes the order of samples matter: still shots whose cuts land three frames before each 5 s sampling
/// tick (the tick's frame is chosen before the cut's first frame is certain, and is a near-duplicate of it), and a
/// gentle fade through black whose end never passes ffmpeg's cheap scene score (its JPEG is cut separately).
/// </summary>
public static class PlanFidelityReel
{
    public static ShotReel Recipe { get; } = new(640, 360, 25,
    [
        new Shot("smptebars", 122),
        new Shot("rgbtestsrc", 125),
        new Shot("smptehdbars", 125),
        new Shot("pal75bars", 110) { FadeOutFrames = 12 },
        new Shot("pal100bars", 140) { FadeInFrames = 12 },
        new Shot("yuvtestsrc", 128),
    ]);
}
