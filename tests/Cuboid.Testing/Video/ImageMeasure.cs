using System.Globalization;
using System.Text.RegularExpressions;
using Cuboid.Media;

namespace Cuboid.Testing.Video;

/// <summary>Measures exported images with ffmpeg itself (no image library needed): size and mean brightness.</summary>
public static partial class ImageMeasure
{
    /// <summary>Width and height of an image file.</summary>
    public static async Task<(int Width, int Height)> SizeAsync(string path)
    {
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfprobePath,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]);
        var parts = run.Output.Trim().Split(',');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Mean luma (limited range, 16-235) of an image, or of the region an ffmpeg <c>crop</c> expression selects.</summary>
    public static async Task<double> MeanLumaAsync(string path, string? crop = null)
    {
        var filter = (crop is null ? string.Empty : $"crop={crop},") + "format=yuv420p,signalstats,metadata=print:file=-";
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath,
            ["-v", "error", "-i", path, "-vf", filter, "-f", "null", "-"]);
        var match = Yavg().Match(run.Output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"no luma measured for {path}: {string.Join(" / ", run.StderrTail)}");
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"YAVG=([0-9.]+)")]
    private static partial Regex Yavg();
}
