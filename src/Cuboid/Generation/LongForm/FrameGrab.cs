using Cuboid.Media;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Takes a clip's first or last frame as a PNG at the clip's own size: lossless and never rescaled, because every resize
/// or lossy step on the way to the next segment's input adds to the drift (reference §9 item 1).
/// </summary>
internal static class FrameGrab
{
    public static Task FirstAsync(string clip, string png, MediaTools tools, CancellationToken cancellationToken) =>
        RunAsync(["-i", clip, "-frames:v", "1"], clip, png, tools, cancellationToken);

    /// <summary>Decodes the last half second and keeps overwriting one file, so what is left is the very last frame.</summary>
    public static Task LastAsync(string clip, string png, MediaTools tools, CancellationToken cancellationToken) =>
        RunAsync(["-sseof", "-0.5", "-i", clip, "-update", "1"], clip, png, tools, cancellationToken);

    private static async Task RunAsync(IReadOnlyList<string> input, string clip, string png, MediaTools tools, CancellationToken cancellationToken)
    {
        var temp = png + ".partial.png";
        var run = await MediaProcess.RunAsync(tools.FfmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-y", .. input, "-pix_fmt", "rgb24", temp], cancellationToken);
        if (run.ExitCode != 0 || !File.Exists(temp))
        {
            File.Delete(temp);
            throw CuboidException.Input($"could not take a frame from {clip}: {string.Join(" / ", run.StderrTail.TakeLast(2))}");
        }

        File.Move(temp, png, overwrite: true);
    }
}
