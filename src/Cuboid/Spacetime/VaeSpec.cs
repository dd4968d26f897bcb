namespace Cuboid.Spacetime;

/// <summary>The video VAE of a model family: how much it compresses time and space, and into how many channels.</summary>
public sealed record VaeSpec
{
    public int TemporalFactor { get; init; } = 1;

    public int SpatialFactor { get; init; } = 8;

    public int LatentChannels { get; init; } = 16;

    /// <summary>Causal VAEs encode the first frame alone: latent frames = 1 + (F − 1) / t.</summary>
    public bool CausalFirstFrame { get; init; } = true;

    /// <summary>Set for chunked VAEs (Step-Video: 17 frames → 3 latents); it replaces the causal formula.</summary>
    public TemporalChunk? TemporalChunk { get; init; }

    /// <summary>Latent frames for <paramref name="frames"/> input frames.</summary>
    public int LatentFrames(int frames)
    {
        if (frames <= 0)
        {
            throw CuboidException.Usage($"frame count {frames} must be at least 1");
        }

        if (TemporalChunk is { } chunk)
        {
            return frames < chunk.Frames
                ? throw CuboidException.Usage($"this VAE encodes frames in chunks of {chunk.Frames}; {frames} frames is less than one chunk")
                : frames / chunk.Frames * chunk.Latents;
        }

        if (CausalFirstFrame)
        {
            return CausalVae.LatentFrames(frames, TemporalFactor);
        }

        return frames < TemporalFactor
            ? throw CuboidException.Usage($"this VAE compresses {TemporalFactor} frames into one; {frames} frames is too few")
            : frames / TemporalFactor;
    }

    /// <summary>The frame count a model generates for about <paramref name="sampledFrames"/> frames of footage
    /// (causal VAEs: one more than a multiple of t, as in 81 = 1 + 4·20 for 5 s at 16 fps).</summary>
    public int FramesFor(int sampledFrames)
    {
        if (TemporalChunk is { } chunk)
        {
            return Math.Max(1, sampledFrames / chunk.Frames) * chunk.Frames;
        }

        if (CausalFirstFrame)
        {
            return 1 + (sampledFrames / TemporalFactor * TemporalFactor);
        }

        return Math.Max(1, sampledFrames / TemporalFactor) * TemporalFactor;
    }
}
