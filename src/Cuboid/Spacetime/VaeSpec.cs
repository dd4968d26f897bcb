namespace Cuboid.Spacetime;

/// <summary>The video VAE of a model family: how much it compresses time and space, and into how many channels.</summary>
public sealed record VaeSpec
{
    /// <summary>Frames of video per latent frame (the first frame is kept on its own by causal VAEs).</summary>
    public int TemporalFactor { get; init; } = 1;

    /// <summary>Pixels per latent pixel along each side.</summary>
    public int SpatialFactor { get; init; } = 8;

    /// <summary>Channels of the latent.</summary>
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
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"frame count {frames} must be at least 1");
        }

        if (TemporalChunk is { } chunk)
        {
            return frames < chunk.Frames
                ? throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"this VAE encodes frames in chunks of {chunk.Frames}; {frames} frames is less than one chunk")
                : frames / chunk.Frames * chunk.Latents;
        }

        if (CausalFirstFrame)
        {
            return CausalVae.LatentFrames(frames, TemporalFactor);
        }

        return frames < TemporalFactor
            ? throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"this VAE compresses {TemporalFactor} frames into one; {frames} frames is too few")
            : frames / TemporalFactor;
    }

    /// <summary>The frame count nearest <paramref name="sampledFrames"/> that this VAE encodes whole, at least one group:
    /// 1 + k·t for causal VAEs (80 → 81, 83 → 81, 84 → 85), k·chunk for chunked ones (Step-Video: 17, 34, …),
    /// k·t otherwise. Ties go to the smaller count. The one rule behind both seconds and real files.</summary>
    public int NearestWholeFrames(int sampledFrames)
    {
        if (sampledFrames <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"frame count {sampledFrames} must be at least 1");
        }

        if (TemporalChunk is { } chunk)
        {
            return NearestMultiple(sampledFrames, chunk.Frames);
        }

        if (CausalFirstFrame)
        {
            return 1 + ((sampledFrames - 1 + ((TemporalFactor - 1) / 2)) / TemporalFactor * TemporalFactor);
        }

        return NearestMultiple(sampledFrames, TemporalFactor);
    }

    /// <summary>How many of <paramref name="frames"/> the VAE encodes: whole groups only, the rest is dropped
    /// (causal: 1 + ⌊(F − 1) / t⌋·t, so 80 → 77; chunked: ⌊F / chunk⌋·chunk).</summary>
    public int EncodedFrames(int frames)
    {
        var latents = LatentFrames(frames);
        if (TemporalChunk is { } chunk)
        {
            return latents / chunk.Latents * chunk.Frames;
        }

        return CausalFirstFrame ? 1 + ((latents - 1) * TemporalFactor) : latents * TemporalFactor;
    }

    // Nearest positive multiple; (m − 1) / 2 rounds an exact half down.
    private static int NearestMultiple(int value, int multiple) =>
        Math.Max(1, (value + ((multiple - 1) / 2)) / multiple) * multiple;
}
