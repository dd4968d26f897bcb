using System.Globalization;
using Cuboid.Media;
using Cuboid.Media.Probe;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Joins delivered segments into one MP4 with one ffmpeg run (reference §9 items 1, 5, 7): every segment conformed to
/// one constant frame rate and the first segment's size (cover and centre-crop, never squashed), the duplicated first
/// frame of every later segment dropped (it repeats the previous segment's last frame), an optional crossfade, and an
/// optional colour and exposure match of each segment to the anchor. Returns where each later segment starts.
/// </summary>
internal static class SegmentJoiner
{
    public static async Task<IReadOnlyList<double>> JoinAsync(IReadOnlyList<string> segments, IReadOnlyList<string?> colourLuts,
        double crossfade, string output, MediaTools tools, CancellationToken cancellationToken)
    {
        var first = (await VideoProbe.ProbeAsync(segments[0], tools, cancellationToken).ConfigureAwait(false)).RequireVideo();
        var fps = first.FramesPerSecond > 0 ? first.FramesPerSecond : 24;
        var width = first.DisplayWidth;
        var height = first.DisplayHeight;
        var lengths = new List<double>();
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-y" };
        var graph = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            var info = await VideoProbe.ProbeAsync(segments[i], tools, cancellationToken).ConfigureAwait(false);
            var frames = Math.Max(1, (int)Math.Round(info.Duration.TotalSeconds * fps)) - (i == 0 ? 0 : 1);
            lengths.Add(frames / fps);
            args.AddRange(["-i", segments[i]]);
            var filters = new List<string>
            {
                Text($"fps={fps}"),
                Text($"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height},setsar=1"),
            };
            if (i > 0)
            {
                filters.Add("trim=start_frame=1");
            }

            if (colourLuts[i] is { } lut)
            {
                filters.Add($"lut3d=file='{lut.Replace("'", @"'\''", StringComparison.Ordinal)}'");
            }

            filters.Add("setpts=PTS-STARTPTS,format=yuv420p");
            graph.Add($"[{i}:v]{string.Join(',', filters)}[v{i}]");
        }

        var joins = new List<double>();
        string last;
        if (crossfade > 0 && segments.Count > 1)
        {
            // Each crossfade overlaps two segments by its length; the join is the middle of the fade.
            last = "v0";
            var end = lengths[0];
            for (var i = 1; i < segments.Count; i++)
            {
                var offset = end - crossfade;
                graph.Add(Text($"[{last}][v{i}]xfade=transition=fade:duration={crossfade}:offset={offset}[x{i}]"));
                joins.Add(offset + (crossfade / 2));
                end = offset + lengths[i];
                last = $"x{i}";
            }
        }
        else
        {
            graph.Add(string.Concat(Enumerable.Range(0, segments.Count).Select(i => $"[v{i}]")) + Text($"concat=n={segments.Count}:v=1:a=0[joined]"));
            last = "joined";
            var start = 0.0;
            for (var i = 0; i < segments.Count - 1; i++)
            {
                start += lengths[i];
                joins.Add(start);
            }
        }

        var temp = output + ".partial.mp4";
        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", $"[{last}]", "-r", Text($"{fps}"), "-c:v", "libx264", "-preset", "veryfast", "-crf", "14",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", temp]);
        var run = await MediaProcess.RunAsync(tools.FfmpegPath, args, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            File.Delete(temp);
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, $"ffmpeg could not join the segments: {string.Join(" / ", run.StderrTail.TakeLast(3))}");
        }

        File.Move(temp, output, overwrite: true);
        return joins;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
