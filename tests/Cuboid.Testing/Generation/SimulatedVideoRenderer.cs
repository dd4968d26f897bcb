using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Cuboid.Testing.Generation;

/// <summary>
/// Renders real MP4s with the system ffmpeg, as a video model would return them: from the first frame when one is given
/// (the clip continues from its input picture and drifts by one <see cref="HopDegradation"/>; with a last frame too it
/// interpolates between the two without compounding), otherwise from a synthetic moving source (testsrc2), at the
/// requested size, length and frame rate, with a tone when audio is asked for. Equal specs are rendered
/// once per process (200 concurrent jobs do not need 200 ffmpeg runs).
/// </summary>
public static class SimulatedVideoRenderer
{
    /// <summary>
    /// One hop's error, as a chained video model adds it: a fixed colour shift (red up, blue down by 8 levels), contrast
    /// creeping up 5 %, and a slight blur. Applied in full by a clip's last frame, so a chain of N clips carries N hops.
    /// </summary>
    public const string HopDegradation = "lutrgb=r='clipval+8':b='clipval-8',eq=contrast=1.05,gblur=sigma=0.3";

    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Cache = new(StringComparer.Ordinal);

    public static Task<byte[]> RenderAsync(SimulatedVideoSpec spec) =>
        Cache.GetOrAdd(spec.Key, _ => new Lazy<Task<byte[]>>(() => RenderUncachedAsync(spec))).Value;

    /// <summary>The last frame of the video <paramref name="spec"/> renders, as PNG bytes: where an extension continues from.</summary>
    public static async Task<byte[]> LastFrameAsync(SimulatedVideoSpec spec)
    {
        var video = await RenderAsync(spec);
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-sim-render", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.mp4");
            var output = Path.Combine(folder, "last.png");
            await File.WriteAllBytesAsync(input, video);
            // Decoding the whole (tiny) clip and keeping the last frame written is exact where seeking near the end is not.
            await RunFfmpegAsync(["-hide_banner", "-loglevel", "error", "-y", "-i", input, "-update", "1", output], spec.Key);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunFfmpegAsync(IReadOnlyList<string> args, string what)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the simulator could not render {what}: {stderr}");
        }
    }

    private static async Task<byte[]> RenderUncachedAsync(SimulatedVideoSpec spec)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-sim-render", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var output = Path.Combine(folder, "out.mp4");
            var size = string.Create(CultureInfo.InvariantCulture, $"{spec.Width}x{spec.Height}");
            var seconds = spec.Seconds.ToString("0.###", CultureInfo.InvariantCulture);
            var fps = spec.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
            var args = new List<string> { "-hide_banner", "-loglevel", "error", "-y" };
            if (spec.FirstFrame is { } frame)
            {
                var image = Path.Combine(folder, "first");
                await File.WriteAllBytesAsync(image, frame);
                var frames = Math.Max(1, (int)Math.Round(spec.Seconds * spec.FramesPerSecond));
                // The time of the clip's last frame: the ramp below reaches its full weight exactly there.
                var end = Math.Max(1, frames - 1) / (double)spec.FramesPerSecond;
                var cover = string.Create(CultureInfo.InvariantCulture, $"scale={spec.Width}:{spec.Height}:force_original_aspect_ratio=increase,crop={spec.Width}:{spec.Height},setsar=1,format=gbrp");
                args.AddRange(["-loop", "1", "-framerate", fps, "-t", seconds, "-i", image]);
                string graph;
                if (spec.LastFrame is { } lastFrame)
                {
                    // Both ends fixed: a dissolve from the first frame to the last, with one hop's error that peaks mid-clip
                    // and vanishes at both pinned ends, so errors never compound from clip to clip.
                    var last = Path.Combine(folder, "last");
                    await File.WriteAllBytesAsync(last, lastFrame);
                    args.AddRange(["-loop", "1", "-framerate", fps, "-t", seconds, "-i", last]);
                    graph = string.Create(CultureInfo.InvariantCulture,
                        $"[0:v]{cover}[a];[1:v]{cover}[b];[a][b]blend=all_expr='A+(B-A)*min(1\\,T/{end})'[m];[m]split[c][d];[d]{HopDegradation}[e];"
                        + $"[c][e]blend=all_expr='A+(B-A)*sin(PI*min(1\\,T/{end}))'");
                }
                else
                {
                    // Continues from the input frame and degrades by one hop over the clip, so its last frame carries the
                    // full hop: chained clips compound it, as exposure bias does.
                    graph = string.Create(CultureInfo.InvariantCulture,
                        $"[0:v]{cover},split[c][d];[d]{HopDegradation}[e];[c][e]blend=all_expr='A+(B-A)*min(1\\,T/{end})'");
                }

                args.AddRange(["-filter_complex", graph, "-frames:v", frames.ToString(CultureInfo.InvariantCulture)]);
            }
            else
            {
                args.AddRange(["-f", "lavfi", "-i", $"testsrc2=size={size}:rate={fps}:duration={seconds}"]);
            }

            if (spec.Audio)
            {
                args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds}", "-c:a", "aac", "-b:a", "32k", "-shortest"]);
            }

            args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-pix_fmt", "yuv420p", "-r", fps, "-movflags", "+faststart", output]);
            await RunFfmpegAsync(args, spec.Key);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
