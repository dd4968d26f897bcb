using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cuboid.Media;

namespace Cuboid.Testing.Shots;

/// <summary>
/// Builds <see cref="ShotReel"/> videos with ffmpeg (lavfi sources, trim, fade, drawbox flashes, concat, x264) and
/// caches them under the temp folder by a hash of the recipe, so only the first test run pays for encoding.
/// </summary>
public static class ShotReelBuilder
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Building = new();

    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), "cuboid-test-videos", "shots");

    public static Task<string> BuildAsync(ShotReel reel) =>
        Building.GetOrAdd(reel.Key, _ => new Lazy<Task<string>>(() => BuildUncachedAsync(reel))).Value;

    /// <summary>The reel every scene test shares: hard cuts between very different sources, a fade through black,
    /// in-shot flashes, fast in-shot motion and noise.</summary>
    public static ShotReel Standard(int width, int height, int fps = 25)
    {
        int F(double seconds) => (int)Math.Round(seconds * fps);
        return new ShotReel(width, height, fps,
        [
            new Shot("testsrc2", F(1.2)),
            new Shot("smptebars", F(1.0)) { FlashFrames = [F(0.4), F(0.4) + 1] },
            new Shot("mandelbrot", F(1.0)) { RenderSmall = true },
            new Shot("testsrc2", F(1.4)) { Filters = "scroll=horizontal=0.05:vertical=0.02" },
            new Shot("color=c=0x2050a0", F(1.0)) { Filters = "noise=alls=25:allf=t" },
            new Shot("cellauto=rule=110", F(1.0)) { RenderSmall = true },
            new Shot("smptebars", F(1.2)) { Filters = "rotate=angle=3*t:fillcolor=black", FlashFrames = [F(0.6)] },
            new Shot("gradients=speed=0.05", F(1.0)) { FadeOutFrames = F(0.4) },
            new Shot("testsrc2", F(1.0)) { FadeInFrames = F(0.4) },
            new Shot("life=mold=10:ratio=0.3:death_color=#103010:life_color=#e0e060", F(1.0)) { RenderSmall = true },
            new Shot("color=c=0xc06020", F(0.8)),
            new Shot("mandelbrot=start_scale=0.5", F(1.0)) { RenderSmall = true },
        ]);
    }

    private static async Task<string> BuildUncachedAsync(ShotReel reel)
    {
        Directory.CreateDirectory(CacheFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reel.Key)))[..16];
        var path = Path.Combine(CacheFolder, $"{hash}.{reel.Container}");
        if (File.Exists(path))
        {
            return path;
        }

        var scratch = Path.Combine(CacheFolder, $"{hash}.{Guid.NewGuid():N}.partial.{reel.Container}");
        try
        {
            var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, Arguments(reel, scratch));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg failed building a shot reel: {string.Join(" / ", run.StderrTail.TakeLast(3))}");
            }

            File.Move(scratch, path, overwrite: true);
            return path;
        }
        finally
        {
            if (File.Exists(scratch))
            {
                File.Delete(scratch);
            }
        }
    }

    // lavfi sources that fill their first picture from a random number generator.
    private static readonly string[] RandomSources = ["life", "cellauto", "gradients", "sierpinski"];

    /// <summary>The source with an explicit seed when it is random and has none: the default seed is the clock.</summary>
    internal static string Seeded(string source, int seed)
    {
        var name = source.Split('=', 2)[0];
        if (name == "gradients" && !source.Contains("c0=", StringComparison.Ordinal))
        {
            // gradients' default colours are "random" from the clock, whatever the seed.
            source += source.Contains('=', StringComparison.Ordinal) ? ":c0=0x3060c0:c1=0xe0a040" : "=c0=0x3060c0:c1=0xe0a040";
        }

        if (!RandomSources.Contains(name, StringComparer.Ordinal) || source.Contains("seed=", StringComparison.Ordinal))
        {
            return source;
        }

        return source.Contains('=', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{source}:seed={seed}")
            : string.Create(CultureInfo.InvariantCulture, $"{source}=seed={seed}");
    }

    /// <summary>A lavfi source with its size and rate appended after its own options.</summary>
    private static string Sized(string source, int width, int height, int fps) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}{(source.Contains('=', StringComparison.Ordinal) ? ':' : '=')}size={width}x{height}:rate={fps}");

    // Scaling Y' and the chroma offsets by the same factor is scaling R, G and B by it (the conversion is linear):
    // brighter, same hue and saturation. Limited range, so luma scales from black at 16.
    private static string BrightnessFilter(BrightnessFlash flash)
    {
        var g = flash.Gain.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"lutyuv=y='clip(16+(val-16)*{g}\\,0\\,255)':u='clip(128+(val-128)*{g}\\,0\\,255)':v='clip(128+(val-128)*{g}\\,0\\,255)'"
            + $":enable='between(n\\,{flash.Frame}\\,{flash.Frame + flash.Length - 1})'");
    }

    /// <summary>The filter chain with <c>all_seed</c> on every <c>noise</c> filter that has no seed of its own.</summary>
    internal static string SeededFilters(string filters, int seed) =>
        string.Join(',', filters.Split(',').Select(filter =>
            filter.StartsWith("noise=", StringComparison.Ordinal) && !filter.Contains("seed=", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"{filter}:all_seed={seed}")
                : filter));

    private static List<string> Arguments(ShotReel reel, string output)
    {
        var args = new List<string> { "-y", "-v", "error", "-nostdin" };
        var graph = new StringBuilder();
        var input = 0;
        for (var i = 0; i < reel.Shots.Count; i++)
        {
            var shot = reel.Shots[i];
            var (w, h) = shot.RenderSmall ? (reel.Width / 2, reel.Height / 2) : (reel.Width, reel.Height);
            args.AddRange(["-f", "lavfi", "-i", Sized(Seeded(shot.Source, shot.Seed), w, h, reel.Fps)]);

            var chain = new List<string> { $"trim=end_frame={shot.Frames}", "setpts=PTS-STARTPTS" };
            if (shot.RenderSmall)
            {
                chain.Add($"scale={reel.Width}:{reel.Height}");
            }

            chain.Add("format=yuv420p");
            if (shot.Filters is { } filters)
            {
                chain.Add(SeededFilters(filters, shot.Seed));
            }

            graph.Append(CultureInfo.InvariantCulture, $"[{input++}:v]{string.Join(',', chain)}");
            chain.Clear();
            if (shot.Overlay is { } overlay)
            {
                // The box is its own input, trimmed like the shot, then laid over it: a second chain in the graph.
                args.AddRange(["-f", "lavfi", "-i", Sized(overlay.Source, overlay.Width, overlay.Height, reel.Fps)]);
                graph.Append(CultureInfo.InvariantCulture,
                    $"[m{i}];[{input++}:v]trim=end_frame={shot.Frames},setpts=PTS-STARTPTS,format=yuv420p[o{i}];"
                    + $"[m{i}][o{i}]overlay=x='mod(t*{overlay.PixelsPerSecond}\\,W+w)-w':y=(H-h)/3");
            }

            foreach (var flash in shot.FlashFrames)
            {
                chain.Add($"drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n\\,{flash})'");
            }

            foreach (var flash in shot.BrightnessFlashes)
            {
                chain.Add(BrightnessFilter(flash));
            }

            if (shot.FadeInFrames > 0)
            {
                chain.Add($"fade=t=in:start_frame=0:nb_frames={shot.FadeInFrames}");
            }

            if (shot.FadeOutFrames > 0)
            {
                chain.Add($"fade=t=out:start_frame={shot.Frames - shot.FadeOutFrames}:nb_frames={shot.FadeOutFrames}");
            }

            chain.Add("setsar=1");
            graph.Append(CultureInfo.InvariantCulture, $",{string.Join(',', chain)}[s{i}];");
        }

        for (var i = 0; i < reel.Shots.Count; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        }

        graph.Append(CultureInfo.InvariantCulture, $"concat=n={reel.Shots.Count}:v=1:a=0[v]");
        args.AddRange(["-filter_complex", graph.ToString(), "-map", "[v]"]);
        // One encoder thread: x264's output depends on its thread count, which would otherwise follow the core count.
        args.AddRange(["-c:v", "libx264", "-threads", "1", "-preset", reel.Preset, "-crf", reel.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"]);
        if (reel.Container == "ts")
        {
            args.AddRange(["-f", "mpegts"]);
        }

        args.Add(output);
        return args;
    }
}
