using System.Runtime.CompilerServices;
using System.Text;
using Cuboid.Testing.Audio;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary>
/// A media engine double for pipeline tests that need no decoding: samples at fixed times with unique
/// "JPEG" bytes, one cut, and a silent 16 kHz WAV with scripted speech intervals.
/// </summary>
internal sealed class FakeMedia(double duration = 40, bool hasAudio = true) : IVideoAnalysisSource, IAudioSource
{
    public IReadOnlyList<(double Time, string Reason)> Plan { get; init; } =
        [.. Enumerable.Range(0, 8).Select(i => (i * 5.0, i == 0 ? SampleReasons.First : SampleReasons.Interval)).Append((12.4, SampleReasons.Cut)).OrderBy(p => p.Item1)];

    public IReadOnlyList<TimeRange> Speech { get; init; } = [new(0.5, 9), new(12, 30)];

    /// <summary>Makes audio extraction fail as a damaged audio track does.</summary>
    public bool AudioFails { get; init; }

    /// <summary>A range of audio starting at or after this time fails to extract, as damaged data there would.</summary>
    public double? UnreadableFrom { get; init; }

    /// <summary>The bytes written for the frame at each time.</summary>
    public static byte[] FrameBytes(double time) => Encoding.ASCII.GetBytes($"\xFF\xD8 fake frame at {time:0.000} " + new string('x', 200));

    public Task<VideoFacts> ProbeAsync(string videoPath, CancellationToken cancellationToken) =>
        File.Exists(videoPath)
            ? Task.FromResult(new VideoFacts(duration, 320, 180, 25, "h264", hasAudio, hasAudio ? "aac" : null, "mp4"))
            : throw CuboidException.Input($"{videoPath}: no such file");

    public async IAsyncEnumerable<PlannedFrame> SampleAsync(string videoPath, SamplingSettings settings, string? framesDirectory, PassOutcome outcome, Action<double>? decoded, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (time, reason) in Plan.Where(p => settings.DetectScenes || p.Reason != SampleReasons.Cut))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = string.Empty;
            if (framesDirectory is not null)
            {
                path = Path.Combine(framesDirectory, $"{time:000000.000}.jpg");
                await File.WriteAllBytesAsync(path, FrameBytes(time), cancellationToken);
            }

            decoded?.Invoke(time);
            yield return new PlannedFrame(time, reason, path, 0.5, null);
        }

        outcome.Scenes = [new ReportScene(0, 0, 12.4, "start"), new ReportScene(1, 12.4, duration, "cut")];
        outcome.MotionProfile = [.. Enumerable.Range(0, (int)duration).Select(s => new MotionPoint(s, s % 7 / 7.0))];
    }

    public async Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken)
    {
        if (!hasAudio)
        {
            return false;
        }

        if (AudioFails)
        {
            throw CuboidException.Input($"{videoPath} cannot be read by ffmpeg: Invalid data found when processing input");
        }

        if (range is not null && range.Start >= UnreadableFrom)
        {
            throw CuboidException.Input($"{videoPath} cannot be read by ffmpeg from {range.Start} s: Invalid data found when processing input");
        }

        var seconds = range?.Duration ?? duration;
        await File.WriteAllBytesAsync(wavPath, SilentWav.Bytes(seconds), cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken) => Task.FromResult(Speech);
}
