using Cuboid.Media;
using Cuboid.Media.Analysis;

namespace Cuboid.Generation.LongForm;

/// <summary>Reads the anchor image into an analysis frame of the video's analysis size (scaled to cover, centre-cropped,
/// never squashed), with ffmpeg, so any format it reads works.</summary>
internal static class AnchorImage
{
    public static async Task<AnalysisFrame> LoadAsync(string path, FrameSize size, MediaTools tools, CancellationToken cancellationToken)
    {
        MediaInput.RequireFile(path);
        var filter = $"scale={size.Width}:{size.Height}:force_original_aspect_ratio=increase:flags=area,crop={size.Width}:{size.Height},setsar=1,format=gbrp";
        var process = MediaProcess.Start(
            tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-vf", filter, "-f", "rawvideo", "-pix_fmt", "gbrp", "pipe:1"]);
        await using var processDisposal = process.ConfigureAwait(false);
        var frame = new AnalysisFrame(size.Width, size.Height);
        var buffer = new byte[frame.RgbByteCount];
        var read = await process.StandardOutput.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || read < buffer.Length)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Anchor, $"anchor {path} is not an image ffmpeg can read ({process.LastError})");
        }

        frame.Load(buffer, 0, 0);
        return frame;
    }
}
