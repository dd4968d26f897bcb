using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Cuboid.Testing.Generation;

/// <summary>
/// Renders real MP4s with the system ffmpeg, as a video model would return them: from the first frame when one is given
/// (a slow zoom and pan over it, so the clip continues from its input picture), otherwise from a synthetic moving source
/// (testsrc2), at the requested size, length and frame rate, with a tone when audio is asked for. Equal specs are rendered
/// once per process (200 concurrent jobs do not need 200 ffmpeg runs).
/// </summary>
public static class SimulatedVideoRenderer
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Cache = new(StringComparer.Ordinal);

    public static Task<byte[]> RenderAsync(SimulatedVideoSpec spec) =>
        Cache.GetOrAdd(spec.Key, _ => new Lazy<Task<byte[]>>(() => RenderUncachedAsync(spec))).Value;

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
                var frames = (int)Math.Round(spec.Seconds * spec.FramesPerSecond);
                // Cover the frame, then zoom in slowly (10 % over the clip) while drifting right: motion that starts exactly on the input.
                var filter = string.Create(CultureInfo.InvariantCulture,
                    $"scale={spec.Width * 2}:{spec.Height * 2}:force_original_aspect_ratio=increase,crop={spec.Width * 2}:{spec.Height * 2},setsar=1,"
                    + $"zoompan=z='1+0.1*on/{Math.Max(1, frames)}':x='(iw-iw/zoom)/2*on/{Math.Max(1, frames)}':y='(ih-ih/zoom)/2':d=1:s={size}:fps={fps}");
                args.AddRange(["-loop", "1", "-framerate", fps, "-t", seconds, "-i", image, "-vf", filter, "-frames:v", frames.ToString(CultureInfo.InvariantCulture)]);
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
                throw new InvalidOperationException($"the simulator could not render {spec.Key}: {stderr}");
            }

            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
