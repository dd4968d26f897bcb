using System.Globalization;
using Cuboid.Media.Probe;

namespace Cuboid.Media.Frames;

/// <summary>What every ffmpeg run of one export shares: the input, the output size and format, the tools.</summary>
internal sealed record FrameJob(VideoInfo Info, VideoStreamInfo Video, ImageSize Size, FrameExportOptions Options, MediaTools Tools)
{
    /// <summary>swscale's filter: bicubic for caption frames; <c>area</c> (a box average) for thumbnails, where it is
    /// as clean and far cheaper: bicubic's kernel widens with the shrink factor (6× from 1080p to 320 px).</summary>
    public string ScaleFlags { get; init; } = "bicubic";

    /// <summary>Runs ffmpeg from <paramref name="input"/> through <c>[selection]showinfo,scale</c> into <paramref name="output"/>.
    /// ffmpeg rotates frames upright before the filters (autorotate is on by default); the scale to the
    /// display-aspect size applies non-square pixels. <c>showinfo</c> reports times only: its default per-plane
    /// checksums read every full-size frame once more (a tenth of a keyframe preview's time at 1080p).</summary>
    public async Task RunAsync(
        IReadOnlyList<string> input,
        string selection,
        string output,
        FfmpegLog log,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? outputOptions = null)
    {
        var arguments = new List<string>(FfmpegLog.Arguments) { "-y" };
        arguments.AddRange(input);
        arguments.AddRange(["-map", $"0:{Video.Index.ToString(CultureInfo.InvariantCulture)}", "-an", "-sn", "-dn"]);
        arguments.AddRange(["-vf", $"{selection}showinfo=checksum=0,scale={Size.Width}:{Size.Height}:flags={ScaleFlags},setsar=1"]);
        arguments.AddRange(["-fps_mode", "passthrough"]);
        if (Options.Format == FrameImageFormat.Jpeg)
        {
            arguments.AddRange(["-q:v", "2"]);
        }

        arguments.AddRange(outputOptions ?? []);
        arguments.AddRange(["-f", "image2", output]);

        var process = MediaProcess.Start(Tools.FfmpegPath, arguments, onStderrLine: log.Add);
        await using var processDisposal = process.ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw MediaInput.Unreadable(Info.Path, log.Warnings.Count > 0 ? log.Warnings : process.StderrTail);
        }
    }

    /// <summary>Gives a staged image its final name (prefix and timestamp) and describes it.</summary>
    public ExportedFrame Rename(string file, TimeSpan requested, TimeSpan timestamp, string staging)
    {
        var seconds = Math.Max(0, timestamp.TotalSeconds).ToString("00000.000", CultureInfo.InvariantCulture);
        var named = Path.Combine(staging, $"{Options.FilePrefix}_{seconds}.{Options.Extension}");
        if (File.Exists(named))
        {
            // Two requested times landed on the same frame: keep one image.
            File.Delete(file);
        }
        else
        {
            File.Move(file, named);
        }

        return new ExportedFrame(requested, timestamp, named, Size.Width, Size.Height);
    }
}
