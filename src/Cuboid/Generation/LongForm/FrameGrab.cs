using Cuboid.Media;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Takes a clip's first or last frame at the clip's own size, losslessly: one ffmpeg decode to raw RGB, kept in memory
/// for the metrics and written as a PNG for the next segment's input. Never rescaled, because every resize or lossy
/// step on the way to the next segment adds to the drift (reference §9 item 1).
/// </summary>
internal static class FrameGrab
{
    public static Task<DriftPicture> FirstAsync(string clip, int width, int height, string png, MediaTools tools, CancellationToken cancellationToken) =>
        GrabAsync(["-i", clip, "-frames:v", "1"], clip, width, height, png, tools, cancellationToken);

    /// <summary>Decodes the last half second and keeps the final frame.</summary>
    public static Task<DriftPicture> LastAsync(string clip, int width, int height, string png, MediaTools tools, CancellationToken cancellationToken) =>
        GrabAsync(["-sseof", "-0.5", "-i", clip], clip, width, height, png, tools, cancellationToken);

    private static async Task<DriftPicture> GrabAsync(IReadOnlyList<string> input, string clip, int width, int height, string png, MediaTools tools, CancellationToken cancellationToken)
    {
        var process = MediaProcess.Start(tools.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", .. input, "-vf", $"scale={width}:{height},format=gbrp", "-f", "rawvideo", "-pix_fmt", "gbrp", "pipe:1"]);
        await using var processDisposal = process.ConfigureAwait(false);
        var plane = width * height;
        var frame = new byte[plane * 3];
        var next = new byte[plane * 3];
        var frames = 0;
        while (await process.StandardOutput.ReadAtLeastAsync(next, next.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == next.Length)
        {
            (frame, next) = (next, frame);
            frames++;
        }

        if (await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false) != 0 || frames == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, $"could not take a frame from {clip} ({process.LastError})");
        }

        // gbrp: green, blue, red planes.
        var picture = new DriftPicture(width, height, frame[(2 * plane)..], frame[..plane], frame[plane..(2 * plane)]);
        PictureFile.SavePng(picture, png);
        return picture;
    }
}
