using System.Globalization;
using System.Runtime.InteropServices;
using Cuboid.Media.Probe;

namespace Cuboid.Media.Audio;

/// <summary>
/// Decodes a file's first audio stream once, as 16 kHz mono 16-bit PCM streamed from ffmpeg, and from
/// that one stream writes a WAV file (when asked) and finds sound/silence intervals. Memory stays
/// bounded whatever the length of the file. No audio stream is reported, not thrown.
/// </summary>
public static class AudioExtractor
{
    /// <summary>The sample rate of extracted audio: what speech recognisers expect.</summary>
    public const int SampleRate = 16000;

    /// <summary>Extracts <paramref name="range"/> of <paramref name="path"/>'s audio, writing <paramref name="wavPath"/> if given.</summary>
    public static async Task<AudioExtraction> ExtractAsync(
        string path,
        string? wavPath = null,
        AudioRange? range = null,
        AudioActivityOptions? activity = null,
        MediaTools? tools = null,
        CancellationToken cancellationToken = default)
    {
        tools ??= MediaTools.Default;
        range ??= AudioRange.Whole;
        RequireWavTarget(path, wavPath);
        var info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        return await ExtractProbedAsync(path, info, wavPath, range, activity, tools, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts like the public overload, from a file already probed as <paramref name="info"/> (no second ffprobe).</summary>
    internal static async Task<AudioExtraction> ExtractProbedAsync(
        string path,
        VideoInfo info,
        string? wavPath,
        AudioRange range,
        AudioActivityOptions? activity,
        MediaTools tools,
        CancellationToken cancellationToken)
    {
        RequireWavTarget(path, wavPath);
        var (from, length) = Resolve(range, info.Duration);
        if (!info.HasAudio)
        {
            return AudioExtraction.NoAudio(from);
        }

        var arguments = new List<string>(FfmpegLog.Arguments);
        if (from > TimeSpan.Zero)
        {
            arguments.AddRange(["-ss", Seconds(from)]);
        }

        arguments.AddRange(["-i", info.Path]);
        if (length is { } duration)
        {
            arguments.AddRange(["-t", Seconds(duration)]);
        }

        arguments.AddRange([
            "-map", $"0:{info.AudioStreams[0].Index.ToString(CultureInfo.InvariantCulture)}", "-vn", "-sn", "-dn",
            "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1",
        ]);

        var log = new FfmpegLog();
        var detector = new AudioActivityDetector(SampleRate, activity, from);
        using var wav = wavPath is null ? null : new WavWriter(wavPath, SampleRate);
        var process = MediaProcess.Start(tools.FfmpegPath, arguments, onStderrLine: log.Add);
        await using (process.ConfigureAwait(false))
        {
            await PumpAsync(process.StandardOutput, detector, wav, cancellationToken).ConfigureAwait(false);
            if (await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false) != 0)
            {
                throw MediaInput.Unreadable(path, log.Warnings.Count > 0 ? log.Warnings : process.StderrTail);
            }
        }

        var extracted = TimeSpan.FromSeconds((double)detector.SampleCount / SampleRate);
        var truncation = await TruncatedAsync(info, from, length, extracted, log, tools, cancellationToken).ConfigureAwait(false);
        if (truncation is not null && extracted == TimeSpan.Zero)
        {
            throw truncation.BeyondEnd(path, from);
        }

        var intervals = detector.Complete();
        var written = wav?.Commit();
        return new AudioExtraction(true, written, from, extracted, SampleRate, intervals, Gaps(intervals, from, from + extracted), TruncationCheck.Warnings(info.Path, truncation, log.Warnings))
        {
            Truncation = truncation,
        };
    }

    private static void RequireWavTarget(string path, string? wavPath)
    {
        if (wavPath is not null && string.Equals(Path.GetFullPath(wavPath), Path.GetFullPath(path), StringComparison.Ordinal))
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputPath, $"{CuboidParameters.OutputPath} {wavPath} is the input video itself; give a different .wav file name");
        }

        if (wavPath is not null && !string.Equals(Path.GetExtension(wavPath), ".wav", StringComparison.OrdinalIgnoreCase))
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputPath, $"{CuboidParameters.OutputPath} {wavPath} must end in .wav (the audio is written as a 16 kHz mono WAV file)");
        }
    }

    // Only a range that reaches past the decoded audio can say anything about truncation; a range that decoded nothing
    // (it starts past the data) says nothing about where the data ends, so the packets are asked.
    private static async Task<Truncation?> TruncatedAsync(VideoInfo info, TimeSpan from, TimeSpan? length, TimeSpan extracted, FfmpegLog log, MediaTools tools, CancellationToken cancellationToken)
    {
        if (extracted == TimeSpan.Zero)
        {
            return await TruncationCheck.CheckAsync(info, tools, followAudio: true, cancellationToken).ConfigureAwait(false);
        }

        var missingData = log.Warnings.Any(TruncationCheck.IsMissingData);
        var requestedEnd = length is { } span ? from + span : (TimeSpan?)null;
        if (requestedEnd is { } end && from + extracted >= end - TruncationCheck.Tolerance && !missingData)
        {
            return null;
        }

        return await TruncationCheck.AfterDecodeAsync(info, from + extracted, missingData, tools, followAudio: true, cancellationToken).ConfigureAwait(false);
    }

    private static (TimeSpan From, TimeSpan? Length) Resolve(AudioRange range, TimeSpan duration)
    {
        var from = range.From ?? TimeSpan.Zero;
        if (from < TimeSpan.Zero || (range.To is { } negative && negative < TimeSpan.Zero))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.From, "audio range times must not be negative");
        }

        if (from >= duration)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.From, $"{CuboidParameters.From} {Seconds(from)} s is at or past the end of the file ({Seconds(duration)} s long)");
        }

        if (range.To is not { } to)
        {
            return (from, null);
        }

        if (to <= from)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueConflict, CuboidParameters.To, $"{CuboidParameters.To} ({Seconds(to)} s) must be after {CuboidParameters.From} ({Seconds(from)} s)");
        }

        return (from, to - from);
    }

    private static async Task PumpAsync(Stream pcm, AudioActivityDetector detector, WavWriter? wav, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var carried = 0; // an odd byte left from the previous read
        int read;
        while ((read = await pcm.ReadAsync(buffer.AsMemory(carried), cancellationToken).ConfigureAwait(false)) > 0)
        {
            var available = carried + read;
            var whole = available & ~1;
            var bytes = buffer.AsSpan(0, whole);
            detector.Add(MemoryMarshal.Cast<byte, short>(bytes)); // s16le on a little-endian machine
            wav?.Write(bytes);
            carried = available - whole;
            if (carried == 1)
            {
                buffer[0] = buffer[whole];
            }
        }
    }

    private static List<AudioInterval> Gaps(IReadOnlyList<AudioInterval> activity, TimeSpan start, TimeSpan end)
    {
        var gaps = new List<AudioInterval>();
        var cursor = start;
        foreach (var interval in activity)
        {
            if (interval.Start > cursor)
            {
                gaps.Add(new AudioInterval(cursor, interval.Start));
            }

            cursor = interval.End;
        }

        if (end > cursor)
        {
            gaps.Add(new AudioInterval(cursor, end));
        }

        return gaps;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
