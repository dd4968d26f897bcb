using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cuboid.Media;

namespace Cuboid.Testing.Video;

/// <summary>
/// Builds a video as consecutive segments cut from one continuous synthetic source, each with its own ffmpeg filter,
/// joined by stream copy: what a chain of generated clips looks like, with defects placed per segment (a blur that
/// grows each hop, a freeze, a colour shift that compounds). Cached like <see cref="VideoBuilder"/>'s videos.
/// </summary>
public static class SegmentedVideo
{
    /// <summary>Builds (or reuses) <paramref name="segmentFilters"/>.Count segments of <paramref name="segmentSeconds"/>
    /// each from <paramref name="recipe"/>'s source; an empty filter leaves a segment as it is.</summary>
    public static async Task<string> BuildAsync(VideoRecipe recipe, double segmentSeconds, IReadOnlyList<string> segmentFilters)
    {
        var total = segmentSeconds * segmentFilters.Count;
        var parts = new List<string>();
        for (var i = 0; i < segmentFilters.Count; i++)
        {
            var trim = string.Create(
                CultureInfo.InvariantCulture,
                $"trim=start={i * segmentSeconds}:end={(i + 1) * segmentSeconds},setpts=PTS-STARTPTS");
            var filters = new[] { trim, segmentFilters[i], recipe.Filter ?? string.Empty }.Where(f => f.Length > 0);
            parts.Add(await VideoBuilder.BuildAsync(recipe with { Seconds = total, Audio = false, Filter = string.Join(',', filters) }));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts))))[..16];
        var path = Path.Combine(VideoBuilder.CacheFolder, $"segmented-{hash}.{recipe.Container}");
        if (File.Exists(path))
        {
            return path;
        }

        var list = Path.Combine(VideoBuilder.CacheFolder, $"segmented-{hash}.{Guid.NewGuid():N}.txt");
        var scratch = Path.Combine(VideoBuilder.CacheFolder, $"segmented-{hash}.{Guid.NewGuid():N}.partial.{recipe.Container}");
        await File.WriteAllLinesAsync(list, parts.Select(p => $"file '{p.Replace("'", @"'\''", StringComparison.Ordinal)}'"));
        try
        {
            var run = await MediaProcess.RunAsync(
                MediaTools.Default.FfmpegPath,
                ["-y", "-v", "error", "-nostdin", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", scratch]);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg could not join test segments: {string.Join(" / ", run.StderrTail.TakeLast(3))}");
            }

            File.Move(scratch, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(list);
            File.Delete(scratch);
        }
    }
}
