namespace Cuboid.Media;

/// <summary>The outcome of an ffmpeg or ffprobe run that was read to the end.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Everything the tool wrote to stdout, as UTF-8 text.</param>
/// <param name="StderrTail">The last lines the tool wrote to stderr, oldest first.</param>
internal sealed record MediaRun(int ExitCode, string Output, IReadOnlyList<string> StderrTail);
