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
        var info = await VideoProbe.ProbeAsync(path, cancellationToken);
        var stream = info.RequireVideo();
        var seconds = info.Duration.TotalSeconds;
        var source = new VideoSource(info.Path, stream.DisplayWidth, stream.DisplayHeight, seconds, stream.FramesPerSecond);
        var rate = fps ?? family.Fps;
        if (!(rate > 0) || double.IsInfinity(rate) || rate > 1000)
        {
            throw CuboidException.Usage($"frame rate {rate} must be above 0 and at most 1000 fps");
        }

        // The frames the model gets after resampling; the VAE formula then uses whole groups only.
        var frames = family.Kind == FamilyKind.Image ? 1 : (int)Math.Max(1, Math.Min(TokenCounter.MaxSide + 1.0, Math.Floor((seconds * rate) + 1e-6)));
        var count = TokenCounter.Count(family, source.Width, source.Height, frames, fit);
        return new TokenReport(family, count, rate, family.Kind == FamilyKind.Image ? 0 : frames / rate, source);
    }
}
