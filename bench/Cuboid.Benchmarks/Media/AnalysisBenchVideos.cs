using Cuboid.Media;
using Cuboid.Testing.Shots;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// Benchmark videos: a one-minute H.264 reel of shots (cuts every 2-3 s, motion, noise) built once by the shot-reel
/// builder, then repeated by stream copy to make longer files cheaply. Built on first use, never in CI.
/// </summary>
internal static class AnalysisBenchVideos
{
    private static readonly string[] Sources =
    [
        "testsrc2", "smptebars", "gradients=speed=0.03", "cellauto=rule=30", "color=c=0x406080", "life=mold=10:ratio=0.2",
    ];

    public static async Task<string> BuildAsync(int height, int minutes)
    {
        var width = height * 16 / 9;
        var shots = new List<Shot>();
        var frames = 0;
        for (var i = 0; frames < 60 * 25; i++)
        {
            var source = Sources[i % Sources.Length];
            var length = 50 + (i * 7 % 30);
            shots.Add(new Shot(source, length)
            {
                RenderSmall = source.StartsWith("cellauto", StringComparison.Ordinal) || source.StartsWith("life", StringComparison.Ordinal),
                Filters = i % 4 == 0 ? "scroll=horizontal=0.01" : i % 4 == 2 ? "noise=alls=12:allf=t" : null,
            });
            frames += length;
        }

        var minute = await ShotReelBuilder.BuildAsync(new ShotReel(width, height, 25, shots));
        if (minutes <= 1)
        {
            return minute;
        }

        return await RepeatAsync(minute, minutes, Path.Combine(Path.GetDirectoryName(minute)!, $"{Path.GetFileNameWithoutExtension(minute)}-x{minutes}.mp4"));
    }

    /// <summary>
    /// A 59.5-minute talk: <c>samples/demo.mp4</c> (slides with narration, screen recordings, 8 cuts and a fade)
    /// repeated 43 times by stream copy, next to the test videos.
    /// </summary>
    public static Task<string> TalkHourAsync()
    {
        var demo = Cuboid.Testing.Video.SampleFiles.DemoVideo;
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-bench-videos");
        Directory.CreateDirectory(folder);
        return RepeatAsync(demo, 43, Path.Combine(folder, "talk-hour.mp4"));
    }

    private static async Task<string> RepeatAsync(string source, int times, string target)
    {
        if (File.Exists(target))
        {
            return target;
        }

        var list = Path.Combine(Path.GetTempPath(), $"cuboid-bench-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(list, Enumerable.Repeat($"file '{source}'", times));
        var partial = target + ".partial.mp4";
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", partial]);
        File.Delete(list);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("could not build the long benchmark video: " + string.Join(" / ", run.StderrTail));
        }

        File.Move(partial, target, overwrite: true);
        return target;
    }
}
