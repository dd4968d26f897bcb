using System.Globalization;
using System.Text.Json;

namespace Cuboid.Media.Probe;

/// <summary>
/// Where a stream should end according to the file's header, which is what a truncated file still claims
/// (an mp4 whose index is at the front, a Matroska file whose header was written first).
/// </summary>
internal static class StreamEnd
{
    /// <summary>The end ffprobe reports for one stream, in presentation time: mp4 and mov give the stream's start
    /// and duration; Matroska and WebM give only a <c>DURATION</c> tag, which ffmpeg writes as the end time.</summary>
    public static TimeSpan? Declared(JsonElement stream)
    {
        if (VideoProbe.Seconds(stream, "duration") is > 0 and var duration)
        {
            return TimeSpan.FromSeconds(Math.Max(0, VideoProbe.Seconds(stream, "start_time") ?? 0) + duration);
        }

        return stream.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? ParseClock(VideoProbe.Text(tags, "DURATION"))
            : null;
    }

    /// <summary>How long the header says a stream is, counted from the file's start as every time in Cuboid is. Without
    /// a declared end, the format duration less the start time: some muxers count a start offset in the duration, and
    /// the shorter reading never calls a whole file truncated.</summary>
    public static TimeSpan Expected(VideoInfo info, TimeSpan? declaredEnd)
    {
        var end = declaredEnd is { } declared ? declared - info.StartTime : info.Duration - info.StartTime;
        return end > TimeSpan.Zero ? end : info.Duration;
    }

    // Matroska's DURATION tag: "00:00:20.023000000" (nanoseconds, more digits than TimeSpan parses).
    private static TimeSpan? ParseClock(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || hours < 0 || minutes < 0 || seconds < 0)
        {
            return null;
        }

        var total = (hours * 3600.0) + (minutes * 60.0) + seconds;
        return total > 0 ? TimeSpan.FromSeconds(total) : null;
    }
}
