using System.Globalization;
using Cuboid.Media.Probe;
using Cuboid.Storage;

namespace Cuboid.Media.Frames;

/// <summary>
/// Exports frame-accurate, upright, display-aspect images at chosen times. Sparse requests seek per frame
/// (ffmpeg input seeking decodes only from the keyframe before each target); dense requests decode the
/// file once with a <c>select</c> filter. Never decodes from the start once per frame.
/// </summary>
public static class FrameExporter
{
    /// <summary>Up to this many frames are always fetched by seeking.</summary>
    public const int SeekAlwaysUpTo = 4;

    /// <summary>Seeking also wins when frames are on average this far apart: one seek decodes at most a GOP
    /// (typically 2-10 s), while a single pass decodes the whole gap.</summary>
    public static readonly TimeSpan SeekWhenGapsAtLeast = TimeSpan.FromSeconds(20);

    /// <summary>Exports one frame every <paramref name="interval"/>, the first frame included, in one decode when dense.</summary>
    public static async Task<FrameExportResult> ExportEveryAsync(
        string path,
        TimeSpan interval,
        string outputFolder,
        FrameExportOptions? options = null,
        MediaTools? tools = null,
        CancellationToken cancellationToken = default)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Interval, "the interval between frames must be positive, e.g. 5s");
        }

        tools ??= MediaTools.Default;
        var info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        info.RequireVideo();
        var truncation = await TruncationCheck.CheckAsync(info, tools, cancellationToken: cancellationToken).ConfigureAwait(false);
        var end = truncation?.DecodableLength ?? info.Duration;
        var targets = new List<TimeSpan>();
        for (var k = 0L; k * interval.Ticks < end.Ticks; k++)
        {
            targets.Add(TimeSpan.FromTicks(k * interval.Ticks));
        }

        return await ExportAsync(info, truncation, targets, interval, outputFolder, options ?? new(), tools, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exports the first frame at or after each of <paramref name="times"/> (seconds from the start of the video).</summary>
    public static async Task<FrameExportResult> ExportAtAsync(
        string path,
        IEnumerable<TimeSpan> times,
        string outputFolder,
        FrameExportOptions? options = null,
        MediaTools? tools = null,
        CancellationToken cancellationToken = default)
    {
        var targets = times.Distinct().Order().ToList();
        if (targets.Count == 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Times, $"give at least one time to export, e.g. {CuboidParameters.Times} 12.5,40");
        }

        tools ??= MediaTools.Default;
        var info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        info.RequireVideo();
        if (await TruncationCheck.CheckAsync(info, tools, cancellationToken: cancellationToken).ConfigureAwait(false) is { } truncation)
        {
            // The header promises these times but the file does not hold them: no frame there can be shown.
            if (targets[^1] >= truncation.DecodableLength)
            {
                throw truncation.BeyondEnd(path, targets[^1]);
            }

            return await ExportAsync(info, truncation, targets, null, outputFolder, options ?? new(), tools, cancellationToken).ConfigureAwait(false);
        }

        // A time after the last frame of a whole file gets the last frame, with a warning (see SeekOneAsync).
        return await ExportAsync(info, null, targets, null, outputFolder, options ?? new(), tools, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The documented rule: seek per frame for a few or sparse frames, otherwise one pass.</summary>
    public static FrameExportMethod ChooseMethod(int count, TimeSpan duration) =>
        count <= SeekAlwaysUpTo || duration / Math.Max(1, count) >= SeekWhenGapsAtLeast
            ? FrameExportMethod.SeekPerFrame
            : FrameExportMethod.SinglePass;

    private static async Task<FrameExportResult> ExportAsync(
        VideoInfo info,
        Truncation? truncation,
        List<TimeSpan> targets,
        TimeSpan? interval,
        string outputFolder,
        FrameExportOptions options,
        MediaTools tools,
        CancellationToken cancellationToken)
    {
        var video = info.RequireVideo();
        if (options.MaxSize < 16)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.MaxSize, "the maximum image size must be at least 16 pixels");
        }

        var job = new FrameJob(info, video, ImageSize.Fit(video.DisplayWidth, video.DisplayHeight, options.MaxSize), options, tools);
        var method = options.Method ?? ChooseMethod(targets.Count, info.Duration);
        using var folder = StagedFolder.Merging(outputFolder);

        var staged = new List<ExportedFrame>();
        var warnings = new List<string>();
        var covered = new HashSet<TimeSpan>();
        if (method == FrameExportMethod.SinglePass)
        {
            staged.AddRange(await SinglePassAsync(job, targets, interval, folder.Staging, covered, warnings, cancellationToken).ConfigureAwait(false));
        }

        // Seek for every target the single pass did not reach (e.g. a time after the last frame), or for all of them.
        foreach (var target in targets.Where(t => !covered.Contains(t)))
        {
            if (interval is not null && method == FrameExportMethod.SinglePass)
            {
                break; // an interval sampler simply ends with the last frame
            }

            // An explicit time after the last frame gets the last frame.
            var frame = await SeekOneAsync(job, target, folder.Staging, warnings, lastFrameFallback: interval is null, cancellationToken).ConfigureAwait(false);
            if (frame is not null && staged.All(f => f.Path != frame.Path))
            {
                staged.Add(frame);
            }
        }

        var moved = folder.Commit();
        var frames = staged
            .OrderBy(f => f.Timestamp)
            .Select(f => f with { Path = moved[f.Path] })
            .ToList();
        return new FrameExportResult(frames, method, TruncationCheck.Warnings(info.Path, truncation, warnings)) { Truncation = truncation };
    }

    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    // ffmpeg's expression parser gives up somewhere between 60 and 100 terms, so long lists are done in
    // time-ordered chunks, each reading only its own stretch of the file (-ss/-t on the input).
    private const int TimesPerPass = 32;

    private static async Task<List<ExportedFrame>> SinglePassAsync(
        FrameJob job,
        List<TimeSpan> targets,
        TimeSpan? interval,
        string staging,
        HashSet<TimeSpan> covered,
        List<string> warnings,
        CancellationToken cancellationToken)
    {
        var frames = new List<ExportedFrame>();
        var previous = TimeSpan.MinValue;
        var chunks = interval is null ? targets.Chunk(TimesPerPass).ToList() : [[.. targets]];
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var input = new List<string>();
            string selection;
            if (interval is { } every)
            {
                // A microsecond of slack: a frame at exactly 1.2 s must count as "at or after 1.2 s" although 1.2/0.4 is 2.9999... in floating point.
                var start = Num(job.Info.StartTime.TotalSeconds - 0.000001);
                var step = Num(every.TotalSeconds);
                selection = $"isnan(prev_t)+gt(floor((t-{start})/{step}),floor((prev_t-{start})/{step}))";
            }
            else
            {
                // t is the absolute presentation time (-copyts); a frame is kept when it is the first at or after a target.
                selection = string.Join('+', chunk.Select(t =>
                {
                    var absolute = Num((job.Info.StartTime + t).TotalSeconds - 0.000001);
                    return $"gte(t,{absolute})*(isnan(prev_t)+lt(prev_t,{absolute}))";
                }));
                if (chunks.Count > 1)
                {
                    var margin = TimeSpan.FromSeconds(Math.Max(1, 2 / Math.Max(1, job.Video.FramesPerSecond)));
                    input.AddRange(["-ss", Num(chunk[0].TotalSeconds), "-t", Num((chunk[^1] - chunk[0] + margin).TotalSeconds)]);
                }
            }

            input.AddRange(["-copyts", "-i", job.Info.Path]);
            var prefix = $"pass{c:D4}_";
            var pattern = Path.Combine(staging, $"{prefix}%06d.{job.Options.Extension}");
            var log = new FfmpegLog();
            await job.RunAsync(input, $"select='{selection}',", pattern, log, cancellationToken).ConfigureAwait(false);
            warnings.AddRange(log.Warnings);

            var files = Directory.EnumerateFiles(staging, $"{prefix}*.{job.Options.Extension}").Order(StringComparer.Ordinal).ToList();
            var times = log.FrameTimes;
            if (times.Count < files.Count)
            {
                throw new InvalidOperationException($"ffmpeg wrote {files.Count} frames but reported {times.Count} timestamps");
            }

            for (var i = 0; i < files.Count; i++)
            {
                var timestamp = TimeSpan.FromSeconds(times[i]) - job.Info.StartTime;
                var reached = targets.Where(t => t > previous + Tolerance && t <= timestamp + Tolerance).ToList();
                covered.UnionWith(reached);
                var frame = job.Rename(files[i], reached.Count > 0 ? reached[0] : timestamp, timestamp, staging);
                if (frames.All(f => f.Path != frame.Path))
                {
                    frames.Add(frame);
                }

                previous = timestamp;
            }
        }

        return frames;
    }

    private static async Task<ExportedFrame?> SeekOneAsync(
        FrameJob job,
        TimeSpan target,
        string staging,
        List<string> warnings,
        bool lastFrameFallback,
        CancellationToken cancellationToken)
    {
        var file = Path.Combine(staging, $"seek_{target.Ticks}.{job.Options.Extension}");
        var log = new FfmpegLog();
        await job.RunAsync(["-ss", Num(target.TotalSeconds), "-copyts", "-i", job.Info.Path], string.Empty, file, log, cancellationToken, ["-frames:v", "1", "-update", "1"]).ConfigureAwait(false);

        // With -frames:v 1 the filter may see one frame more than is written: the first one is the image.
        var written = File.Exists(file) && log.FrameTimes.Count > 0 ? log.FrameTimes[0] : (double?)null;
        warnings.AddRange(log.Warnings);
        if (written is null && !lastFrameFallback)
        {
            return null;
        }

        var pastEnd = written is null;
        if (pastEnd)
        {
            // The target is after the last frame: decode the final stretch of the file and keep the last image.
            log = new FfmpegLog();
            var end = target < job.Info.Duration ? target : job.Info.Duration;
            var from = TimeSpan.FromTicks(Math.Max(0, (end - TimeSpan.FromSeconds(3)).Ticks));
            await job.RunAsync(["-ss", Num(from.TotalSeconds), "-copyts", "-i", job.Info.Path], string.Empty, file, log, cancellationToken, ["-update", "1"]).ConfigureAwait(false);
            written = File.Exists(file) && log.FrameTimes.Count > 0 ? log.FrameTimes[^1] : null;
            warnings.AddRange(log.Warnings);
        }

        if (written is not { } seconds)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{Path.GetFileName(job.Info.Path)}: no frame could be decoded near {Seconds(target)} s");
        }

        var timestamp = TimeSpan.FromSeconds(seconds) - job.Info.StartTime;
        if (pastEnd)
        {
            warnings.Add($"{Seconds(target)} s is past the last frame of {Path.GetFileName(job.Info.Path)}: exported its last frame, at {Seconds(timestamp)} s");
        }

        return job.Rename(file, target, timestamp, staging);
    }

    internal static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
