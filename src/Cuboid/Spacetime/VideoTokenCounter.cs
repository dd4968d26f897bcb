using Cuboid.Media.Probe;

namespace Cuboid.Spacetime;

/// <summary>
/// Counts a real video's tokens as a model family would see it: the display size (rotation and pixel aspect
/// applied), fitted to the VAE × patch grid, and the duration resampled to the family's frame rate.
/// </summary>
public static class VideoTokenCounter
{
    /// <param name="fps">The rate to resample to; the family's own rate when null.</param>
    /// <param name="fit">Real videos rarely divide by 16 or 32, so callers usually crop (what resizing pipelines do) or pad.</param>
    public static async Task<TokenReport> CountAsync(string path, ModelFamily family, double? fps = null,
        UnevenShapePolicy fit = UnevenShapePolicy.Crop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(family);
        var info = await VideoProbe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var stream = info.RequireVideo();
        var seconds = info.Duration.TotalSeconds;
        var source = new VideoSource(info.Path, stream.DisplayWidth, stream.DisplayHeight, seconds, stream.FramesPerSecond);
        var rate = fps ?? family.Fps;
        if (!(rate > 0) || double.IsInfinity(rate) || rate > 1000)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fps, $"frame rate {rate} must be above 0 and at most 1000 fps");
        }

        // Resampled to the model's rate, then snapped by the same rule as a --seconds request (nearest 1 + k·t, …);
        // when that rounds up, the VAE sees the last frame repeated.
        // A file with no duration (one still frame) is one frame.
        var timed = seconds > 0 && family.Kind != FamilyKind.Image;
        var frames = timed ? TokenCounter.FramesFor(family, seconds, rate) : 1;
        int? sampled = timed ? TokenCounter.SampledFrames(seconds, rate) : null;
        var count = TokenCounter.Count(family, source.Width, source.Height, frames, fit);
        return new TokenReport(family, count, rate, family.Kind == FamilyKind.Image ? 0 : frames / rate, source, sampled);
    }
}
