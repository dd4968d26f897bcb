using System.Buffers.Binary;
using Cuboid.Media;

namespace Cuboid.Generation.LongForm;

/// <summary>Reads any picture ffmpeg reads as planar 8-bit RGB at its own size, and writes one as a PNG atomically: the
/// lossless form chained frames and keyframes travel in.</summary>
internal static class PictureFile
{
    public static async Task<DriftPicture> LoadAsync(string path, MediaTools tools, CancellationToken cancellationToken)
    {
        MediaInput.RequireFile(path);
        var (width, height) = await SizeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        var process = MediaProcess.Start(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-vf", "format=gbrp", "-f", "rawvideo", "-pix_fmt", "gbrp", "pipe:1"]);
        await using var processDisposal = process.ConfigureAwait(false);
        var plane = width * height;
        var buffer = new byte[plane * 3];
        var read = await process.StandardOutput.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false) != 0 || read < buffer.Length)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, $"{path} is not a picture ffmpeg can read ({process.LastError})");
        }

        // gbrp: green, blue, red planes.
        return new DriftPicture(width, height, buffer[(2 * plane)..], buffer[..plane], buffer[plane..(2 * plane)]);
    }

    public static void SavePng(DriftPicture picture, string path)
    {
        var temp = path + ".partial.png";
        File.WriteAllBytes(temp, PngEncoder.Encode(picture));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The mean Lab colour of a picture (every 3rd pixel, as the drift meter samples).</summary>
    public static LabColor MeanLab(DriftPicture picture) => LabConverter.Mean(picture.Red, picture.Green, picture.Blue, step: 3);

    // A PNG says its size in its header; anything else is asked of ffprobe (a still has no duration, so the video probe refuses it).
    private static async Task<(int Width, int Height)> SizeAsync(string path, MediaTools tools, CancellationToken cancellationToken)
    {
        var header = new byte[24];
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            if (await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == header.Length
                && header is [0x89, 0x50, 0x4E, 0x47, ..])
            {
                return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
            }
        }

        var probe = await MediaProcess.RunAsync(tools.FfprobePath,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", path], cancellationToken).ConfigureAwait(false);
        var size = probe.Output.Trim().Split('x');
        return probe.ExitCode == 0 && size.Length == 2 && int.TryParse(size[0], out var width) && int.TryParse(size[1], out var height)
            ? (width, height)
            : throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, $"{path} is not a picture ffmpeg can read");
    }
}
