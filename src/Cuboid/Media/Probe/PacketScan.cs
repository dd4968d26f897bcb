using System.Globalization;

namespace Cuboid.Media.Probe;

/// <summary>
/// Reads a stream's packets without decoding them (<c>ffprobe -show_entries packet</c>) to find where its data
/// really ends: the demuxer skips what the header promises but the file does not hold.
/// </summary>
internal static class PacketScan
{
    /// <summary>The end (presentation time plus duration, counted from the file's start) of the latest packet of the
    /// stream that can be read, reading from <paramref name="from"/> (the keyframe before it) or the whole stream;
    /// null when no packet could be read.</summary>
    public static async Task<TimeSpan?> LastPacketEndAsync(VideoInfo info, int streamIndex, TimeSpan? from, MediaTools tools, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-v", "error", "-select_streams", streamIndex.ToString(CultureInfo.InvariantCulture) };
        if (from is { } start && start > TimeSpan.Zero)
        {
            // ffprobe seeks to the keyframe before this presentation time and reads to the end.
            arguments.AddRange(["-read_intervals", Num((info.StartTime + start).TotalSeconds) + "%"]);
        }

        arguments.AddRange(["-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", "--", info.Path]);
        var run = await MediaProcess.RunAsync(tools.FfprobePath, arguments, cancellationToken);
        double? last = null;
        foreach (var line in run.Output.AsSpan().EnumerateLines())
        {
            var comma = line.IndexOf(',');
            var pts = comma < 0 ? line : line[..comma];
            if (!double.TryParse(pts, NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            {
                continue; // N/A: a packet without a timestamp says nothing about the end.
            }

            var duration = comma >= 0 && double.TryParse(line[(comma + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
            last = Math.Max(last ?? double.MinValue, time + duration);
        }

        return last is { } end ? TimeSpan.FromSeconds(end) - info.StartTime : null;
    }

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
