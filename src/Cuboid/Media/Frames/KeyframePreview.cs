using System.Runtime.ExceptionServices;
using Cuboid.Media.Probe;
using Cuboid.Storage;

namespace Cuboid.Media.Frames;

/// <summary>
/// A quick look at a long file: decodes only its keyframes (<c>-skip_frame nokey</c>), which costs a
/// small fraction of a full decode, and writes each as a small upright thumbnail named by its time.
/// Thumbnails land where the encoder put keyframes, not at regular times.
/// </summary>
public static class KeyframePreview
{
    /// <summary>Writes a thumbnail of every keyframe of <paramref name="path"/> into <paramref name="outputFolder"/> and says what it wrote.</summary>
    public static async Task<KeyframePreviewResult> CreateAsync(
        string path,
        string outputFolder,
        KeyframePreviewOptions? options = null,
        MediaTools? tools = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new();
        tools ??= MediaTools.Default;
        if (options.MaxSize < 16)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.MaxSize, "the maximum thumbnail size must be at least 16 pixels");
        }

        var info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        var video = info.RequireVideo();
        var exportOptions = new FrameExportOptions { MaxSize = options.MaxSize, Format = options.Format, FilePrefix = "key" };
        var thumbnail = ImageSize.Fit(video.DisplayWidth, video.DisplayHeight, options.MaxSize);
        var job = new FrameJob(info, video, thumbnail, exportOptions, tools)
        {
            ScaleFlags = "area",
        };
        var skipDeblocking = SkipsDeblocking(video.DisplayWidth, video.DisplayHeight, thumbnail);

        // Keyframes decode on about one core in one ffmpeg, so a long file is split into stretches decoded side by side.
        IReadOnlyList<KeyframeSpan> Spans(TimeSpan decodable) =>
            KeyframeSpan.Split(decodable, options.Parts ?? KeyframeSpan.DefaultParts(decodable));

        using var folder = StagedFolder.Merging(outputFolder);
        // Keyframes of a truncated file simply stop where its data does; the check is what lets the user know. It
        // reads packets near the end (an ffprobe of its own), so it runs beside a decode that takes the header's
        // length as the truth; in the rare case that the file is cut short, that decode is dropped and the stretches
        // are decoded again over the decodable length, exactly as if the check had come first.
        var (truncation, decoded) = await DecodeBesideTruncationCheckAsync(
            info, tools, Spans, (spans, token) => DecodeAsync(job, info, spans, skipDeblocking, folder.Staging, exportOptions.Extension, token), folder.Staging, cancellationToken).ConfigureAwait(false);
        if (decoded.Frames.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{Path.GetFileName(path)}: no keyframe could be decoded");
        }

        var staged = new List<ExportedFrame>();
        foreach (var (file, seconds) in ThinOut(decoded.Frames, options.MinGap))
        {
            var timestamp = TimeSpan.FromSeconds(seconds) - info.StartTime;
            staged.Add(job.Rename(file, timestamp, timestamp, folder.Staging));
        }

        var moved = folder.Commit();
        return new KeyframePreviewResult([.. staged.Select(f => f with { Path = moved[f.Path] })], TruncationCheck.Warnings(info.Path, truncation, decoded.Warnings))
        {
            Truncation = truncation,
        };
    }

    private static async Task<(Truncation? Truncation, Decoded Decoded)> DecodeBesideTruncationCheckAsync(
        VideoInfo info,
        MediaTools tools,
        Func<TimeSpan, IReadOnlyList<KeyframeSpan>> spans,
        Func<IReadOnlyList<KeyframeSpan>, CancellationToken, Task<Decoded>> decode,
        string staging,
        CancellationToken cancellationToken)
    {
        using var speculative = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoding = decode(spans(info.Duration), speculative.Token);
        Truncation? truncation;
        try
        {
            truncation = await TruncationCheck.CheckAsync(info, tools, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DropAsync().ConfigureAwait(false);
            throw;
        }

        if (truncation is null)
        {
            return (null, await decoding.ConfigureAwait(false));
        }

        await DropAsync().ConfigureAwait(false);
        foreach (var file in Directory.EnumerateFiles(staging))
        {
            File.Delete(file);
        }

        return (truncation, await decode(spans(truncation.DecodableLength), cancellationToken).ConfigureAwait(false));

        // Stops the decode that assumed the header's length and waits for its processes to end; how it ended no longer matters.
        async Task DropAsync()
        {
            await speculative.CancelAsync().ConfigureAwait(false);
            try
            {
                await decoding.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancelled, or failed on the missing data: either way it is decoded again over what is there.
            }
        }
    }

    // Each stretch writes its own numbered files and reports their times; stretches are in time order and disjoint.
    private static async Task<Decoded> DecodeAsync(
        FrameJob job, VideoInfo info, IReadOnlyList<KeyframeSpan> spans, bool skipDeblocking, string staging, string extension, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var logs = spans.Select(_ => new FfmpegLog()).ToArray();
        var runs = spans.Select((span, i) => RunSpanAsync(i)).ToArray();
        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (Exception) when (runs.FirstOrDefault(r => r.IsFaulted && r.Exception!.InnerException is not OperationCanceledException) is { } failed)
        {
            // A stretch cancelled because another failed is not the error to report.
            ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
            throw;
        }

        var frames = new List<(string File, double Seconds)>();
        for (var i = 0; i < spans.Count; i++)
        {
            var files = Directory.EnumerateFiles(staging, $"part{i}_*.{extension}").Order(StringComparer.Ordinal).ToList();
            var times = logs[i].FrameTimes;
            if (times.Count < files.Count)
            {
                throw new InvalidOperationException($"ffmpeg wrote {files.Count} keyframes but reported {times.Count} timestamps");
            }

            frames.AddRange(files.Select((file, n) => (file, times[n])));
        }

        return new Decoded(frames, [.. logs.SelectMany(log => log.Warnings).Distinct()]);

        async Task RunSpanAsync(int i)
        {
            try
            {
                var pattern = Path.Combine(staging, $"part{i}_%06d.{extension}");
                await job.RunAsync(spans[i].InputArguments(info.Path, skipDeblocking), spans[i].Selection(info.StartTime), pattern, logs[i], failFast.Token).ConfigureAwait(false);
            }
            catch
            {
                await failFast.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Whether keyframes are decoded without the in-loop deblocking filter: only when the thumbnail is at most a quarter
    /// of the picture's width and height. A keyframe is predicted from nothing and nothing is decoded from it here, so
    /// skipping the filter changes only its own block edges, and the 4× area downscale averages them away: thumbnails
    /// of un-deblocked and deblocked keyframes differ by 47-50 dB PSNR on a starved 1.5 Mbit/s 1080p file (45 dB at a
    /// third of the size, 40 dB at half), while the filter is 5-15 % of a keyframe decode (docs/PERFORMANCE.md,
    /// "Keyframe preview").
    /// </summary>
    internal static bool SkipsDeblocking(int width, int height, ImageSize thumbnail) =>
        thumbnail.Width * 4 <= width && thumbnail.Height * 4 <= height;

    // The staged files of all stretches with their times, in time order, and ffmpeg's warnings.
    private sealed record Decoded(List<(string File, double Seconds)> Frames, List<string> Warnings);

    // The rule ffmpeg's select applied before the preview was split (isnan(prev_selected_t)+gte(t-prev_selected_t,gap)):
    // applied to all stretches together, so a split never changes which keyframes are kept.
    private static IEnumerable<(string File, double Seconds)> ThinOut(List<(string File, double Seconds)> frames, TimeSpan? minGap)
    {
        var gap = minGap is { } g && g > TimeSpan.Zero ? g.TotalSeconds - 0.000001 : 0;
        double? kept = null;
        foreach (var frame in frames)
        {
            if (kept is { } previous && frame.Seconds - previous < gap)
            {
                File.Delete(frame.File);
                continue;
            }

            kept = frame.Seconds;
            yield return frame;
        }
    }
}
