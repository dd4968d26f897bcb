using Cuboid.Media;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>Anchor images for the drift tests, cut from test videos by real ffmpeg.</summary>
internal static class DriftTestFiles
{
    public static async Task<string> FrameAsPngAsync(string video, double seconds)
    {
        var path = Path.Combine(VideoBuilder.NewFolder(), "anchor.png");
        var run = await MediaProcess.RunAsync(
            MediaTools.Default.FfmpegPath,
            ["-y", "-v", "error", "-nostdin", "-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", path]);
        Assert.Equal(0, run.ExitCode);
        return path;
    }
}
