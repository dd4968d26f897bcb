using System.Globalization;
using System.Text.Json;

namespace Cuboid.Media.Probe;

/// <summary>
/// Reads a media file's facts with <c>ffprobe -print_format json -show_format -show_streams</c>.
/// Bad inputs (missing, a directory, empty, not a video, truncated, zero duration) end in one
/// <see cref="CuboidException"/> line of kind Input.
/// </summary>
public static class VideoProbe
{
    /// <summary>Probes <paramref name="path"/> with the default tools (PATH or CUBOID_FFPROBE).</summary>
    public static Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        ProbeAsync(path, MediaTools.Default, cancellationToken);

    /// <summary>Probes <paramref name="path"/> with the given tools.</summary>
    public static async Task<VideoInfo> ProbeAsync(string path, MediaTools tools, CancellationToken cancellationToken = default)
    {
        var fullPath = MediaInput.RequireFile(path);
        var run = await MediaProcess.RunAsync(
            tools.FfprobePath,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", fullPath],
            cancellationToken).ConfigureAwait(false);

        if (run.ExitCode != 0)
        {
            throw MediaInput.Unreadable(path, run.StderrTail);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(run.Output);
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{path}: ffprobe printed unreadable output ({ex.Message})", ex);
        }

        using (document)
        {
            return Parse(path, fullPath, new FileInfo(fullPath).Length, document.RootElement);
        }
    }

    /// <summary>Builds a <see cref="VideoInfo"/> from ffprobe's JSON (exposed for tests of odd files).</summary>
    internal static VideoInfo Parse(string displayPath, string fullPath, long sizeBytes, JsonElement root)
    {
        if (!root.TryGetProperty("format", out var format))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{displayPath} is not a video file ffmpeg can read");
        }

        VideoStreamInfo? video = null;
        var audio = new List<AudioStreamInfo>();
        double longestStream = 0;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var stream in streams.EnumerateArray())
            {
                longestStream = Math.Max(longestStream, Seconds(stream, "duration") ?? 0);
                switch (Text(stream, "codec_type"))
                {
                    case "video" when video is null && !IsAttachedPicture(stream):
                        video = ParseVideo(stream);
                        break;
                    case "audio":
                        audio.Add(ParseAudio(stream));
                        break;
                }
            }
        }

        var duration = Seconds(format, "duration") ?? longestStream;
        if (duration <= 0 || video?.FrameCount == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{displayPath} has zero duration (nothing to read)");
        }

        if (video is null && audio.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{displayPath} has no video or audio stream");
        }

        return new VideoInfo(
            fullPath,
            Text(format, "format_name") ?? "unknown",
            TimeSpan.FromSeconds(duration),
            TimeSpan.FromSeconds(Seconds(format, "start_time") ?? 0),
            sizeBytes,
            Long(format, "bit_rate"),
            video,
            audio);
    }

    private static VideoStreamInfo ParseVideo(JsonElement stream)
    {
        var width = Int(stream, "width") ?? 0;
        var height = Int(stream, "height") ?? 0;
        var sar = Rational.Parse(Text(stream, "sample_aspect_ratio")) ?? new Rational(1, 1);
        var rotation = Rotation(stream);

        var shownWidth = (int)Math.Round(width * sar.Value);
        var dar = Rational.Parse(Text(stream, "display_aspect_ratio")) ?? Reduce(shownWidth, height);
        var quarterTurn = rotation is 90 or 270;

        var average = Rational.Parse(Text(stream, "avg_frame_rate"));
        var real = Rational.Parse(Text(stream, "r_frame_rate"));
        var variable = average is { } a && real is { } r && Math.Abs(a.Value - r.Value) > 0.01 * r.Value;

        return new VideoStreamInfo(
            Int(stream, "index") ?? 0,
            Text(stream, "codec_name") ?? "unknown",
            width,
            height,
            quarterTurn ? height : shownWidth,
            quarterTurn ? shownWidth : height,
            sar,
            dar,
            rotation,
            average,
            real,
            variable,
            Long(stream, "nb_frames"),
            Long(stream, "bit_rate"),
            Text(stream, "pix_fmt"),
            TimeSpan.FromSeconds(Math.Max(0, Seconds(stream, "start_time") ?? 0)))
        {
            DeclaredEnd = StreamEnd.Declared(stream),
        };
    }

    private static AudioStreamInfo ParseAudio(JsonElement stream) => new(
        Int(stream, "index") ?? 0,
        Text(stream, "codec_name") ?? "unknown",
        Int(stream, "sample_rate") ?? 0,
        Int(stream, "channels") ?? 0,
        Text(stream, "channel_layout"),
        Long(stream, "bit_rate"))
    {
        DeclaredEnd = StreamEnd.Declared(stream),
    };

    // The display matrix is what players obey; its angle is counterclockwise. The legacy "rotate" tag
    // is clockwise. Both are normalised to 0, 90, 180 or 270 counterclockwise.
    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in sideData.EnumerateArray())
            {
                if (Text(entry, "side_data_type") == "Display Matrix" && Seconds(entry, "rotation") is { } degrees)
                {
                    return Normalise(degrees);
                }
            }
        }

        if (stream.TryGetProperty("tags", out var tags) && Seconds(tags, "rotate") is { } clockwise)
        {
            return Normalise(-clockwise);
        }

        return 0;
    }

    private static int Normalise(double degrees)
    {
        var quarterTurns = (int)Math.Round(degrees / 90.0);
        return ((quarterTurns % 4) + 4) % 4 * 90;
    }

    private static Rational Reduce(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return new Rational(1, 1);
        }

        var divisor = (int)System.Numerics.BigInteger.GreatestCommonDivisor(width, height);
        return new Rational(width / divisor, height / divisor);
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && Int(disposition, "attached_pic") == 1;

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ffprobe prints most numbers as strings ("25.000000", "N/A"), some as numbers.
    internal static double? Seconds(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed)
            ? parsed
            : null;
    }

    private static long? Long(JsonElement element, string name) =>
        Seconds(element, name) is { } number ? (long)number : null;

    private static int? Int(JsonElement element, string name) =>
        Seconds(element, name) is { } number ? (int)number : null;
}
