using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cuboid.Media;

namespace Cuboid.Testing.Video;

/// <summary>
/// Builds real encoded test videos with ffmpeg from its synthetic sources (testsrc2, smptebars, color,
/// sine). Each recipe is built once and cached under the temp folder, keyed by a hash of the recipe,
/// so repeated test runs reuse the files. Safe to call from parallel tests.
/// </summary>
public static class VideoBuilder
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Building = new();
    private static readonly Lazy<Task<string>> EncoderList = new(() => ListAsync("-encoders"));
    private static readonly Lazy<Task<string>> DecoderList = new(() => ListAsync("-decoders"));

    /// <summary>Where built videos are cached (shared by all test runs on this machine).</summary>
    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), "cuboid-test-videos");

    /// <summary>Builds (or reuses) the video described by <paramref name="recipe"/> and returns its path.</summary>
    public static Task<string> BuildAsync(VideoRecipe recipe) =>
        Building.GetOrAdd(recipe.Key, _ => new Lazy<Task<string>>(() => BuildUncachedAsync(recipe))).Value;

    /// <summary>Synchronous <see cref="BuildAsync"/> for fixture constructors.</summary>
    public static string Build(VideoRecipe recipe) => BuildAsync(recipe).GetAwaiter().GetResult();

    /// <summary>True when the system ffmpeg has the named encoder (e.g. <c>libsvtav1</c>).</summary>
    public static bool HasEncoder(string name) => Lists(EncoderList, name);

    /// <summary>True when the system ffmpeg has the named decoder (e.g. <c>hevc</c>).</summary>
    public static bool HasDecoder(string name) => Lists(DecoderList, name);

    /// <summary>The first AV1 encoder this ffmpeg has (SVT-AV1 is much faster than libaom), or null.</summary>
    public static string? Av1Encoder =>
        HasEncoder("libsvtav1") ? "libsvtav1" : HasEncoder("libaom-av1") ? "libaom-av1" : null;

    /// <summary>Copies <paramref name="source"/> into a fresh folder under <paramref name="fileName"/> (spaces, non-ASCII...).</summary>
    public static string CopyAs(string source, string fileName)
    {
        var target = Path.Combine(NewFolder(), fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        return target;
    }

    /// <summary>A plain text file named like a video.</summary>
    public static string TextFile(string fileName = "notes.mp4")
    {
        var path = Path.Combine(NewFolder(), fileName);
        File.WriteAllText(path, "This is a text file, not a video.\n");
        return path;
    }

    /// <summary>A zero-byte file named like a video.</summary>
    public static string EmptyFile(string fileName = "empty.mp4")
    {
        var path = Path.Combine(NewFolder(), fileName);
        File.WriteAllBytes(path, []);
        return path;
    }

    /// <summary>A new empty folder under the temp folder (for outputs and odd file names).</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<string> BuildUncachedAsync(VideoRecipe recipe)
    {
        Directory.CreateDirectory(CacheFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe.Key)))[..16];
        var extension = recipe.Container;
        var path = Path.Combine(CacheFolder, $"{hash}.{extension}");
        if (File.Exists(path))
        {
            return path;
        }

        var scratch = Path.Combine(CacheFolder, $"{hash}.{Guid.NewGuid():N}.partial.{extension}");
        try
        {
            await RunAsync(EncodeArguments(recipe, scratch));
            if (recipe.Rotation != 0)
            {
                var rotated = scratch + ".rotated." + extension;
                // ffmpeg 5.1 writes the rotate tag as a display matrix only when stream-copying.
                await RunAsync(["-y", "-v", "error", "-i", scratch, "-map", "0", "-c", "copy",
                    "-metadata:s:v:0", $"rotate={recipe.Rotation.ToString(CultureInfo.InvariantCulture)}", rotated]);
                File.Move(rotated, scratch, overwrite: true);
            }

            if (recipe.Repeat > 1)
            {
                var list = scratch + ".txt";
                var escaped = scratch.Replace("'", @"'\''", StringComparison.Ordinal);
                await File.WriteAllLinesAsync(list, Enumerable.Repeat($"file '{escaped}'", recipe.Repeat));
                var repeated = scratch + ".repeated." + extension;
                await RunAsync(["-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", list, "-map", "0", "-c", "copy", repeated]);
                File.Delete(list);
                File.Move(repeated, scratch, overwrite: true);
            }

            Damage(scratch, recipe.Defect);
            if (recipe.CutToFraction is { } fraction)
            {
                using var stream = new FileStream(scratch, FileMode.Open, FileAccess.ReadWrite);
                stream.SetLength((long)(stream.Length * fraction));
            }

            File.Move(scratch, path, overwrite: true);
            return path;
        }
        finally
        {
            foreach (var leftover in Directory.EnumerateFiles(CacheFolder, $"{hash}.*.partial.*"))
            {
                if (leftover.Contains(Path.GetFileName(scratch), StringComparison.Ordinal))
                {
                    File.Delete(leftover);
                }
            }
        }
    }

    private static List<string> EncodeArguments(VideoRecipe r, string output)
    {
        var args = new List<string> { "-y", "-v", "error", "-nostdin" };
        var withVideo = !r.AudioOnly;
        var withAudio = r.AudioOnly || (r.Audio && r.Defect != VideoDefect.ZeroDuration);
        var seconds = Num(r.Seconds);

        if (withVideo)
        {
            var separator = r.Source.Contains('=', StringComparison.Ordinal) ? ":" : "=";
            var sourceWidth = r.Width + (r.Width % 2);
            var sourceHeight = r.Height + (r.Height % 2);
            args.AddRange(["-f", "lavfi", "-i", $"{r.Source}{separator}size={sourceWidth}x{sourceHeight}:rate={r.Fps}:duration={seconds}"]);
        }

        if (withAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", AudioSource(r)]);
        }

        if (withVideo)
        {
            var odd = r.Width % 2 == 1 || r.Height % 2 == 1;
            var pixelFormat = odd && r.Codec is "libx264" or "libx265" ? "yuv444p" : "yuv420p";
            var filters = new List<string> { $"scale={r.Width}:{r.Height}" };
            if (r.Filter is { } extra)
            {
                filters.Add(extra);
            }

            if (r.SampleAspect is { } sar)
            {
                filters.Add($"setsar={sar.Replace(':', '/')}");
            }

            if (r.VariableFrameRate)
            {
                // The first second at the source rate, then frames 1/10 s apart.
                filters.Add($"setpts='if(lt(N,{r.Fps}),N/{r.Fps},1+(N-{r.Fps})/10)/TB'");
            }

            filters.Add($"format={pixelFormat}");
            args.AddRange(["-vf", string.Join(',', filters), "-c:v", r.Codec]);
            args.AddRange(CodecArguments(r));
            if (r.VariableFrameRate)
            {
                args.AddRange(["-vsync", "vfr"]);
            }

            if (r.Defect == VideoDefect.ZeroDuration)
            {
                args.AddRange(["-frames:v", "0"]);
            }
        }

        if (withAudio)
        {
            args.AddRange(["-c:a", r.Container == "webm" ? "libopus" : "aac", "-ar", "48000"]);
        }

        if (r.StartOffsetSeconds != 0)
        {
            args.AddRange(["-output_ts_offset", Num(r.StartOffsetSeconds)]);
        }

        if (r.FastStart)
        {
            args.AddRange(["-movflags", "+faststart"]);
        }

        if (r.Container == "ts")
        {
            args.AddRange(["-f", "mpegts"]);
        }

        args.Add(output);
        return args;
    }

    private static IEnumerable<string> CodecArguments(VideoRecipe r)
    {
        var gop = r.Gop?.ToString(CultureInfo.InvariantCulture);
        switch (r.Codec)
        {
            case "libx264":
                yield return "-preset";
                yield return "ultrafast";
                yield return "-crf";
                yield return (r.Crf ?? 23).ToString(CultureInfo.InvariantCulture);
                if (gop is not null)
                {
                    foreach (var a in new[] { "-g", gop, "-keyint_min", gop, "-sc_threshold", "0" })
                    {
                        yield return a;
                    }
                }

                break;
            case "libx265":
                yield return "-preset";
                yield return "ultrafast";
                yield return "-crf";
                yield return (r.Crf ?? 28).ToString(CultureInfo.InvariantCulture);
                yield return "-x265-params";
                yield return gop is null ? "log-level=error" : $"log-level=error:keyint={gop}:min-keyint={gop}:scenecut=0";
                break;
            case "libvpx-vp9":
                foreach (var a in new[] { "-deadline", "realtime", "-cpu-used", "8", "-b:v", "0", "-crf", (r.Crf ?? 40).ToString(CultureInfo.InvariantCulture) })
                {
                    yield return a;
                }

                break;
            case "libsvtav1":
                foreach (var a in new[] { "-preset", "12", "-crf", (r.Crf ?? 45).ToString(CultureInfo.InvariantCulture) })
                {
                    yield return a;
                }

                break;
            case "libaom-av1":
                foreach (var a in new[] { "-cpu-used", "8", "-usage", "realtime", "-b:v", "0", "-crf", (r.Crf ?? 45).ToString(CultureInfo.InvariantCulture) })
                {
                    yield return a;
                }

                break;
        }

        if (gop is not null && r.Codec is not ("libx264" or "libx265"))
        {
            yield return "-g";
            yield return gop;
        }
    }

    // One aevalsrc expression gives sample-exact tone and silence boundaries.
    private static string AudioSource(VideoRecipe r)
    {
        var total = Num(r.AudioSeconds);
        if (r.Tones is null)
        {
            return $"sine=frequency=440:sample_rate=48000:duration={total}";
        }

        var terms = new List<string>();
        double start = 0;
        foreach (var tone in r.Tones)
        {
            if (!tone.IsSilence)
            {
                terms.Add($"gte(t,{Num(start)})*lt(t,{Num(start + tone.Seconds)})*sin(2*PI*{Num(tone.FrequencyHz)}*t)");
            }

            start += tone.Seconds;
        }

        var expression = terms.Count == 0 ? "0" : $"0.5*({string.Join('+', terms)})";
        return $"aevalsrc=exprs='{expression}':s=48000:d={total}";
    }

    private static void Damage(string path, VideoDefect defect)
    {
        switch (defect)
        {
            case VideoDefect.CorruptMiddle:
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
                var random = new Random(20240611);
                var garbage = new byte[384];
                for (var i = 0; i < 6; i++)
                {
                    random.NextBytes(garbage);
                    stream.Position = (long)(stream.Length * (0.4 + (i * 0.03)));
                    stream.Write(garbage);
                }

                break;
            }

            case VideoDefect.TruncatedBeforeIndex:
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
                stream.SetLength(stream.Length / 2);
                break;
            }
        }
    }

    private static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, arguments);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"ffmpeg failed building a test video ({string.Join(' ', arguments)}): {string.Join(" / ", run.StderrTail.TakeLast(3))}");
        }
    }

    private static async Task<string> ListAsync(string what) =>
        (await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-hide_banner", what])).Output;

    private static bool Lists(Lazy<Task<string>> list, string name) =>
        list.Value.GetAwaiter().GetResult()
            .Split('\n')
            .Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } parts && parts[1] == name);

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
