namespace Cuboid.Media;

/// <summary>
/// Where the ffmpeg and ffprobe executables are. By default they are looked up on PATH;
/// <c>CUBOID_FFMPEG</c> and <c>CUBOID_FFPROBE</c> override each one.
/// </summary>
public sealed record MediaTools(string FfmpegPath, string FfprobePath)
{
    /// <summary>What to tell a user whose machine has no ffmpeg.</summary>
    public const string InstallHint = "install it with: sudo apt-get install -y ffmpeg";

    /// <summary>The tools named by the environment, or found on PATH.</summary>
    public static MediaTools Default { get; } = new(
        Environment.GetEnvironmentVariable("CUBOID_FFMPEG") is { Length: > 0 } ffmpeg ? ffmpeg : "ffmpeg",
        Environment.GetEnvironmentVariable("CUBOID_FFPROBE") is { Length: > 0 } ffprobe ? ffprobe : "ffprobe");
}
