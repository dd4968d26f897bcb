using System.Collections.Concurrent;
using System.Globalization;
using Cuboid.Media;

namespace Cuboid.Testing.Generation;

/// <summary>Still images made by the real ffmpeg (first and last frames for image-to-video tests, anchors), cached per process.</summary>
public static class TestImages
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new(StringComparer.Ordinal);

    /// <summary>A PNG of one colour (an ffmpeg colour name such as <c>red</c> or <c>0x2050c0</c>).</summary>
    public static Task<string> SolidPngAsync(string color, int width = 160, int height = 90) =>
        PngAsync(string.Create(CultureInfo.InvariantCulture, $"{color}-{width}x{height}"), string.Create(CultureInfo.InvariantCulture, $"color=c={color}:s={width}x{height}"));

    /// <summary>A soft, muted PNG (testsrc2 with its saturation and contrast lowered, then blurred like a photo's smooth
    /// areas): an anchor whose colour statistics a drift can move in every direction without clipping, and whose mean colour
    /// does not hinge on sharp coloured edges that each chroma-subsampled encode smears.</summary>
    public static Task<string> AnchorPngAsync(int width = 160, int height = 90) =>
        PngAsync(string.Create(CultureInfo.InvariantCulture, $"soft-anchor-{width}x{height}"),
            string.Create(CultureInfo.InvariantCulture, $"testsrc2=s={width}x{height},eq=saturation=0.5:contrast=0.7,gblur=sigma=3"));

    // The first frame of an ffmpeg lavfi source, as {key}.png in a shared folder.
    private static Task<string> PngAsync(string key, string source) =>
        Cache.GetOrAdd(key, _ => new Lazy<Task<string>>(async () =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "cuboid-test-images");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{key}.png");
            if (!File.Exists(path))
            {
                var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".png";
                var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath,
                    ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1", temp]);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg could not make {key}.png: {string.Join(" / ", run.StderrTail)}");
                }

                File.Move(temp, path, overwrite: true);
            }

            return path;
        })).Value;
}
