using Cuboid.Media;

namespace Cuboid.Generation.LongForm;

/// <summary>Reads any picture ffmpeg reads (or a video's first frame) as planar 8-bit RGB at its own size, and writes
/// one as a PNG atomically: the lossless form chained frames and keyframes travel in.</summary>
internal static class PictureFile
{
    public static async Task<DriftPicture> LoadAsync(string path, MediaTools tools, CancellationToken cancellationToken)
    {
        MediaInput.RequireFile(path);
        var info = await Media.Probe.VideoProbe.ProbeAsync(path, tools, cancellationToken);
        var video = info.RequireVideo();
        int width = video.DisplayWidth, height = video.DisplayHeight;
        await using var process = MediaProcess.Start(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-vf", $"scale={width}:{height},setsar=1,format=gbrp", "-f", "rawvideo", "-pix_fmt", "gbrp", "pipe:1"]);
        var plane = width * height;
        var buffer = new byte[plane * 3];
        var read = await process.StandardOutput.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (await process.WaitForExitAsync(cancellationToken) != 0 || read < buffer.Length)
        {
            throw CuboidException.Input($"{path} is not a picture ffmpeg can read ({process.LastError})");
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
}
