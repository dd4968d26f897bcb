using System.Globalization;

namespace Cuboid.Media.Frames;

/// <summary>
/// One stretch of a file whose keyframes one ffmpeg process decodes when a preview is split across cores. Keyframes
/// decode independently of each other, but ffmpeg's frame threads cannot overlap them (each skipped frame between two
/// keyframes is a hand-off), so a keyframe-only decode runs on about one core; two stretches in two processes use two.
/// </summary>
/// <param name="From">Where the stretch starts, from the start of the file; null for the first.</param>
/// <param name="To">Where the next stretch starts; null for the last.</param>
internal sealed record KeyframeSpan(TimeSpan? From, TimeSpan? To)
{
    // ffmpeg's input -to stops reading a little after the boundary so the keyframes just before it are not cut off;
    // the select on time then drops what belongs to the next stretch.
    private static readonly TimeSpan ReadPast = TimeSpan.FromSeconds(1);

    /// <summary>Files shorter than this decode in one process: a second ffmpeg's start-up would cost more than it saves.</summary>
    public static readonly TimeSpan SplitFrom = TimeSpan.FromSeconds(60);

    /// <summary>The whole file in one process.</summary>
    public static IReadOnlyList<KeyframeSpan> Whole { get; } = [new(null, null)];

    /// <summary>The decodable length in <paramref name="parts"/> equal stretches (one when it is short or unknown).</summary>
    public static IReadOnlyList<KeyframeSpan> Split(TimeSpan decodable, int parts)
    {
        if (parts <= 1 || decodable <= TimeSpan.Zero)
        {
            return Whole;
        }

        var spans = new List<KeyframeSpan>(parts);
        for (var i = 0; i < parts; i++)
        {
            spans.Add(new KeyframeSpan(i == 0 ? null : decodable * i / parts, i == parts - 1 ? null : decodable * (i + 1) / parts));
        }

        return spans;
    }

    /// <summary>How many stretches a preview of <paramref name="decodable"/> uses: one per core, at most four. Two per
    /// core were tried (so that the stretches would end together): the time-sliced processes cost 4-9% more CPU time and
    /// ended no sooner (docs/PERFORMANCE.md, "Keyframe preview").</summary>
    public static int DefaultParts(TimeSpan decodable) =>
        decodable >= SplitFrom ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;

    /// <summary>The input options: only keyframes, seek to the start, stop reading after the end, original timestamps.
    /// A stretch of a split file is decoded by one thread (<c>-threads 1</c>): its siblings keep the other cores busy,
    /// and the decoder's frame threads only cost CPU time on a keyframe-only decode (they cannot overlap keyframes).
    /// The whole file keeps ffmpeg's threads, which let its one process filter and encode beside the decode. With
    /// <paramref name="skipDeblocking"/> the keyframes are not deblocked (<c>-skip_loop_filter all</c>); see
    /// <see cref="KeyframePreview.SkipsDeblocking"/>.</summary>
    public IReadOnlyList<string> InputArguments(string path, bool skipDeblocking = false)
    {
        var arguments = new List<string> { "-skip_frame", "nokey" };
        if (skipDeblocking)
        {
            arguments.AddRange(["-skip_loop_filter", "all"]);
        }

        if (From is not null || To is not null)
        {
            arguments.AddRange(["-threads", "1"]);
        }

        if (From is { } from)
        {
            arguments.AddRange(["-ss", Seconds(from)]);
        }

        if (To is { } to)
        {
            arguments.AddRange(["-to", Seconds(to + ReadPast)]);
        }

        arguments.AddRange(["-copyts", "-i", path]);
        return arguments;
    }

    /// <summary>The <c>select</c> that keeps exactly this stretch's frames (times as ffmpeg sees them with -copyts, so
    /// the file's start time is added); empty for the whole file.</summary>
    public string Selection(TimeSpan startTime)
    {
        var conditions = new List<string>();
        if (From is { } from)
        {
            conditions.Add($"gte(t,{Seconds(startTime + from)})");
        }

        if (To is { } to)
        {
            conditions.Add($"lt(t,{Seconds(startTime + to)})");
        }

        return conditions.Count == 0 ? string.Empty : $"select='{string.Join('*', conditions)}',";
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
