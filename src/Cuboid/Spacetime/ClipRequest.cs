namespace Cuboid.Spacetime;

/// <summary>A clip described by its options: size, and frames or seconds (at <see cref="Fps"/>, else the family's rate).
/// Anything left out takes the family's default clip.</summary>
public sealed record ClipRequest
{
    /// <summary>Width and height in pixels; null takes the family's default size.</summary>
    public PixelSize? Size { get; init; }

    /// <summary>Frames to generate; null derives them from <see cref="Seconds"/>, else takes the family's default.</summary>
    public int? Frames { get; init; }

    /// <summary>Length in seconds (at <see cref="Fps"/>); used when <see cref="Frames"/> is null.</summary>
    public double? Seconds { get; init; }

    /// <summary>Frames per second for <see cref="Seconds"/>; null takes the family's rate.</summary>
    public double? Fps { get; init; }

    /// <summary>What to do when the size is not a multiple of the family's VAE × patch.</summary>
    public UnevenShapePolicy Fit { get; init; } = UnevenShapePolicy.Reject;

    /// <summary>Reads a fit option: null or empty refuses uneven sizes, "crop" crops, "pad" pads by replication.</summary>
    public static UnevenShapePolicy ParseFit(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => UnevenShapePolicy.Reject,
        "crop" => UnevenShapePolicy.Crop,
        "pad" => UnevenShapePolicy.PadReplicate,
        _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fit, $"fit '{text}' is not one of: crop, pad"),
    };

    /// <summary>The size, frame count and frame rate this request means for <paramref name="family"/>.</summary>
    public (PixelSize Size, int Frames, double Fps) Resolve(ModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (Frames is not null && Seconds is not null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueConflict, CuboidParameters.Frames, "give either frames or seconds, not both");
        }

        if (Fps is { } rate && (!(rate > 0) || double.IsInfinity(rate) || rate > 1000))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fps, $"frame rate {rate} must be above 0 and at most 1000 fps");
        }

        var size = Size ?? new PixelSize(family.DefaultWidth, family.DefaultHeight);
        var fps = Fps ?? family.Fps;
        var frames = Frames ?? (Seconds is { } seconds ? TokenCounter.FramesFor(family, seconds, fps) : family.DefaultFrames);
        return (size, frames, fps);
    }
}
