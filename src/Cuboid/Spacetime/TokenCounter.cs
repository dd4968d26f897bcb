namespace Cuboid.Spacetime;

/// <summary>
/// Counts a clip's transformer tokens for a model family, from the family's data:
/// N = ceil(latent_T / p_t) · (H / s / p_h) · (W / s / p_w), with latent_T from the VAE (causal or chunked).
/// </summary>
public static class TokenCounter
{
    /// <summary>Largest pixel side or frame count accepted; larger values are certainly a mistake.</summary>
    public const int MaxSide = 1 << 20;

    /// <summary>Counts tokens for <paramref name="frames"/> frames of <paramref name="width"/>×<paramref name="height"/> pixels.
    /// A size that is not a multiple of the VAE factor × patch needs <paramref name="fit"/> (crop or pad), never silently.</summary>
    public static TokenCount Count(ModelFamily family, int width, int height, int frames, UnevenShapePolicy fit = UnevenShapePolicy.Reject)
    {
        ArgumentNullException.ThrowIfNull(family);
        RequireSide(width, "width", CuboidParameters.Size);
        RequireSide(height, "height", CuboidParameters.Size);
        RequireSide(frames, "frame count", CuboidParameters.Frames);
        if (family.Kind == FamilyKind.Image && frames != 1)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Frames, $"{family.Id} makes images: the frame count must be 1, not {frames}");
        }

        var s = family.Vae.SpatialFactor;
        var fittedHeight = Fit(height, s * family.Patch.H, "height", family, fit);
        var fittedWidth = Fit(width, s * family.Patch.W, "width", family, fit);
        var latentT = family.Vae.LatentFrames(frames);
        var latentH = fittedHeight / s;
        var latentW = fittedWidth / s;
        var gridT = (latentT + family.Patch.T - 1) / family.Patch.T;
        var gridH = latentH / family.Patch.H;
        var gridW = latentW / family.Patch.W;
        var video = checked((long)gridT * gridH * gridW);
        var sequence = family.Attention == AttentionKind.Joint ? video + family.TextTokens : video;
        return new TokenCount(family.Id, fittedWidth, fittedHeight, frames, latentT, latentH, latentW, gridT, gridH, gridW,
            video, family.TextTokens, sequence, fit, new PixelSize(width, height));
    }

    /// <summary>Counts the clip a request describes (the family's default clip for anything left out).</summary>
    public static TokenReport Report(ModelFamily family, ClipRequest request)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(request);
        var (size, frames, fps) = request.Resolve(family);
        var count = Count(family, size.Width, size.Height, frames, request.Fit);
        int? sampled = request.Seconds is { } seconds && family.Kind != FamilyKind.Image ? SampledFrames(seconds, fps) : null;
        return new TokenReport(family, count, fps, family.Kind == FamilyKind.Image ? 0 : frames / fps, SampledFrames: sampled);
    }

    /// <summary>The frame count the family generates for (or samples from) <paramref name="seconds"/> of video at
    /// <paramref name="fps"/> (the family's own rate when null): seconds·fps rounded to whole frames, then snapped to the
    /// nearest count the VAE encodes whole (<see cref="VaeSpec.NearestWholeFrames"/>). The --seconds path and the
    /// --video path both use this, so a 5 s request and a 5 s file give the same frames.</summary>
    public static int FramesFor(ModelFamily family, double seconds, double? fps = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        var sampled = SampledFrames(seconds, fps ?? family.Fps);
        return family.Kind == FamilyKind.Image ? 1 : family.Vae.NearestWholeFrames(sampled);
    }

    /// <summary>Frames in <paramref name="seconds"/> at <paramref name="fps"/>, rounded to the nearest whole frame (at least 1).</summary>
    public static int SampledFrames(double seconds, double fps)
    {
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Seconds, $"duration {seconds} s must be a positive number of seconds");
        }

        if (!(fps > 0) || double.IsInfinity(fps))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fps, $"frame rate {fps} must be a positive number of frames per second");
        }

        var sampled = Math.Round(seconds * fps, MidpointRounding.AwayFromZero);
        if (sampled > MaxSide)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Seconds, $"{seconds} s at {fps} fps is {sampled:N0} frames, more than the {MaxSide:N0} this planner accepts");
        }

        return Math.Max(1, (int)sampled);
    }

    private static int Fit(int size, int multiple, string dimension, ModelFamily family, UnevenShapePolicy fit)
    {
        if (size % multiple == 0)
        {
            return size;
        }

        var down = size / multiple * multiple;
        var up = down + multiple;
        return fit switch
        {
            UnevenShapePolicy.Crop when down > 0 => down,
            UnevenShapePolicy.PadReplicate => up,
            UnevenShapePolicy.Crop => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Size, 
                $"{dimension} {size} is smaller than {multiple}, the smallest {family.Id} can take; pad instead"),
            _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Size, 
                $"{dimension} {size} is not a multiple of {multiple} for {family.Id} (VAE {family.Vae.SpatialFactor} × patch {multiple / family.Vae.SpatialFactor}); use {(down > 0 ? $"{down} or " : "")}{up}, or choose a fit (crop or pad)"),
        };
    }

    private static void RequireSide(int value, string what, CuboidParameter parameter)
    {
        if (value <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, parameter, $"{what} {value} must be at least 1");
        }

        if (value > MaxSide)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, parameter, $"{what} {value:N0} is larger than {MaxSide:N0}, the most this planner accepts");
        }
    }
}
