namespace Cuboid.Media.Probe;

/// <summary>
/// Finds files that end before their header says (an mp4 with its index at the front cut short, a Matroska or WebM
/// file whose download stopped): ffprobe reports the header's full duration and ffmpeg decodes what is there without
/// failing, so without this check a tenth of a file would be analysed as if it were all of it. A file is truncated
/// when ffmpeg reports missing data (<see cref="IsMissingData"/>), or when decoding stops well short of the header's
/// end and the packets themselves stop there too (a held last frame of a variable-frame-rate recording is not
/// truncation). Follows the video stream, or the first audio stream of an audio-only file or when asked.
/// </summary>
public static class TruncationCheck
{
    /// <summary>A gap at the end shorter than this (or three frames, when longer) is never called truncation without
    /// ffmpeg saying data is missing: timestamps and the header's rounding differ by a frame or so.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    // How the demuxers say the header promised data the file does not hold: mov/mp4 for each sample past the end,
    // Matroska/WebM once when the file stops inside its segment.
    private static readonly string[] MissingDataMessages = ["partial file", "File ended prematurely"];

    /// <summary>Whether an ffmpeg or ffprobe stderr line says the file ends before data its header promised.</summary>
    public static bool IsMissingData(string line) =>
        MissingDataMessages.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>A command's warnings for the user: ffmpeg's, each once, for a whole file; for a truncated file only the
    /// one truncation warning, in place of ffmpeg's "partial file" lines and the complaints about the cut-off last
    /// packet ("Packet corrupt", "Invalid data found") that it explains.</summary>
    public static IReadOnlyList<string> Warnings(string path, Truncation? truncation, IEnumerable<string> ffmpegWarnings) =>
        truncation is null ? [.. ffmpegWarnings.Distinct()] : [truncation.Warning(path)];

    /// <summary>Judges a decode that ended at <paramref name="decodedEnd"/> (the end of its last frame or sample,
    /// from the file's start). Reads the stream's packets only when decoding stopped well short without ffmpeg saying
    /// why, so a whole file costs nothing extra.</summary>
    public static async Task<Truncation?> AfterDecodeAsync(
        VideoInfo info,
        TimeSpan decodedEnd,
        bool missingDataReported,
        MediaTools tools,
        bool followAudio = false,
        CancellationToken cancellationToken = default)
    {
        var stream = Followed(info, followAudio);
        var gap = stream.Expected - decodedEnd;
        if (gap <= stream.FrameSlack)
        {
            return null;
        }

        if (missingDataReported)
        {
            return new Truncation(decodedEnd, stream.Expected);
        }

        if (gap <= stream.GapTolerance)
        {
            return null;
        }

        var packetsEnd = await PacketScan.LastPacketEndAsync(info, stream.PacketsOf, from: null, tools, cancellationToken).ConfigureAwait(false) ?? TimeSpan.Zero;
        return stream.Expected - packetsEnd <= stream.GapTolerance ? null : new Truncation(packetsEnd < decodedEnd ? packetsEnd : decodedEnd, stream.Expected);
    }

    /// <summary>Checks a file before a command that will not decode all of it (frames, keyframes) by reading packets,
    /// not frames: from the keyframe a few seconds before the header's end to the end of the data. That read ends where
    /// the data does; only when the seek lands past the data (nothing after it can be read) is the whole stream read.</summary>
    public static async Task<Truncation?> CheckAsync(VideoInfo info, MediaTools tools, bool followAudio = false, CancellationToken cancellationToken = default)
    {
        var stream = Followed(info, followAudio);
        var end = await PacketScan.LastPacketEndAsync(info, stream.PacketsOf, stream.Expected - TimeSpan.FromSeconds(3), tools, cancellationToken).ConfigureAwait(false)
            ?? await PacketScan.LastPacketEndAsync(info, stream.PacketsOf, from: null, tools, cancellationToken).ConfigureAwait(false)
            ?? TimeSpan.Zero;
        return stream.Expected - end <= stream.GapTolerance ? null : new Truncation(end, stream.Expected);
    }

    private static FollowedStream Followed(VideoInfo info, bool followAudio)
    {
        if (info.Video is { } video && !(followAudio && info.HasAudio))
        {
            var frame = TimeSpan.FromSeconds(video.FramesPerSecond > 0 ? 1 / video.FramesPerSecond : 0.04);
            return new FollowedStream(
                StreamEnd.Expected(info, video.DeclaredEnd), 2 * frame, Max(Tolerance, 3 * frame), video.DeclaredEnd is null ? null : video.Index);
        }

        var audio = info.AudioStreams[0];
        return new FollowedStream(
            StreamEnd.Expected(info, audio.DeclaredEnd), TimeSpan.FromMilliseconds(100), Tolerance, audio.DeclaredEnd is null ? null : audio.Index);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
