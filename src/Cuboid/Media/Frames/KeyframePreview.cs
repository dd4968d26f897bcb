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
        // Keyframes of a truncated file simply stop where its data does; the check is what lets the user know.
        var truncation = await TruncationCheck.CheckAsync(info, tools, cancellationToken: cancellationToken).ConfigureAwait(false);
        var exportOptions = new FrameExportOptions { MaxSize = options.MaxSize, Format = options.Format, FilePrefix = "key" };
        var job = new FrameJob(info, video, ImageSize.Fit(video.DisplayWidth, video.DisplayHeight, options.MaxSize), exportOptions, tools)
        {
            ScaleFlags = "area",
        };

        var selection = options.MinGap is { } gap && gap > TimeSpan.Zero
            ? $"select='isnan(prev_selected_t)+gte(t-prev_selected_t,{FrameExporter.Num(gap.TotalSeconds - 0.000001)})',"
            : string.Empty;

        using var folder = StagedFolder.Merging(outputFolder);
        var log = new FfmpegLog();
        var pattern = Path.Combine(folder.Staging, $"pass_%06d.{exportOptions.Extension}");
        await job.RunAsync(["-skip_frame", "nokey", "-copyts", "-i", info.Path], selection, pattern, log, cancellationToken).ConfigureAwait(false);

        var files = Directory.EnumerateFiles(folder.Staging, $"pass_*.{exportOptions.Extension}").Order(StringComparer.Ordinal).ToList();
        var times = log.FrameTimes;
        if (files.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{Path.GetFileName(path)}: no keyframe could be decoded");
        }

        if (times.Count < files.Count)
        {
            throw new InvalidOperationException($"ffmpeg wrote {files.Count} keyframes but reported {times.Count} timestamps");
        }

        var staged = new List<ExportedFrame>();
        for (var i = 0; i < files.Count; i++)
        {
            var timestamp = TimeSpan.FromSeconds(times[i]) - info.StartTime;
            staged.Add(job.Rename(files[i], timestamp, timestamp, folder.Staging));
        }

        var moved = folder.Commit();
        return new KeyframePreviewResult([.. staged.Select(f => f with { Path = moved[f.Path] })], TruncationCheck.Warnings(info.Path, truncation, log.Warnings))
        {
            Truncation = truncation,
        };
    }
}
