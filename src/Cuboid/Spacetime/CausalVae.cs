namespace Cuboid.Spacetime;

/// <summary>Frame arithmetic of causal video VAEs, which encode the first frame alone and then groups of frames.</summary>
public static class CausalVae
{
    /// <summary>Latent frames for <paramref name="frames"/> input frames: 1 + (F − 1) / t (integer division).</summary>
    public static int LatentFrames(int frames, int temporalFactor)
    {
        if (frames <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"frame count {frames} must be at least 1");
        }

        if (temporalFactor <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.TemporalFactor, $"temporal factor {temporalFactor} must be at least 1");
        }

        return 1 + ((frames - 1) / temporalFactor);
    }

    /// <summary>The largest frame count not above <paramref name="frames"/> that a causal VAE uses whole: 1 + k·t.</summary>
    public static int UsableFrames(int frames, int temporalFactor) =>
        1 + ((LatentFrames(frames, temporalFactor) - 1) * temporalFactor);
}
