using System.Globalization;

namespace Cuboid.Media.Probe;

/// <summary>
/// Reads a stream's packets without decoding them (<c>ffprobe -show_entries packet</c>) to find where its data
/// really ends: the demuxer skips what the header promises but the file does not hold.
/// </summary>
internal static class PacketScan
{
    /// <summary>The end (presentation time plus duration, counted from the file's start) of the latest packet of the
    /// stream (or of any stream, when <paramref name="streamIndex"/> is null) that can be read, reading from <paramref name="from"/> (the keyframe before it) or the whole stream;
    /// null when no packet could be read.</summary>
    public static async Task<TimeSpan?> LastPacketEndAsync(VideoInfo info, int? streamIndex, TimeSpan? from, MediaTools tools, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-v", "error" };
        if (streamIndex is { } index)
        {
            arguments.AddRange(["-select_streams", index.ToString(CultureInfo.InvariantCulture)]);
        }

        if (from is { } start && start > TimeSpan.Zero)
        {
            // ffprobe seeks to the keyframe before this presentation time and reads to the end.
            arguments.AddRange(["-read_intervals", Num((info.StartTime + start).TotalSeconds) + "%"]);
        }

        // ffprobe prints the fields in its own order: pts_time, duration_time, size, pos.
        arguments.AddRange(["-show_entries", "packet=pts_time,duration_time,size,pos", "-of", "csv=p=0", "--", info.Path]);
        var run = await MediaProcess.RunAsync(tools.FfprobePath, arguments, cancellationToken).ConfigureAwait(false);
        double? last = null;
        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',');
            if (fields.Length < 4 || Number(fields[0]) is not { } time)
            {
                continue; // N/A: a packet without a timestamp says nothing about the end.
            }

            // The demuxer hands out the last packet of a cut file short (the rest of its bytes are missing), and
            // such a frame does not decode: a packet that reaches the end of the file does not count.
            if (Number(fields[3]) is { } position && Number(fields[2]) is { } size && position + size >= info.SizeBytes)
            {
                continue;
            }

            last = Math.Max(last ?? double.MinValue, time + (Number(fields[1]) ?? 0));
        }

        return last is { } end ? TimeSpan.FromSeconds(end) - info.StartTime : null;
    }

    private static double? Number(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
