using System.Runtime.CompilerServices;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// A media source that replays a <see cref="RecordedPass"/> instead of decoding: the probe's facts, the samples in their
/// order with their JPEGs fetched by <paramref name="fetchFrame"/> (name, destination path), and the pass's outcome; and,
/// when a <see cref="RecordedTranscript"/> is given, the transcription stage's result without extracting the audio. So
/// <see cref="VideoAnalyzer"/> runs unchanged over work done earlier (a batch's finish step). Audio with no recorded
/// transcript is extracted by <paramref name="audio"/> once, and its transcription pieces are cut from that WAV
/// (<see cref="IAudioPieceSource"/>), not decoded again per piece.
/// </summary>
internal sealed class ReplayedPassSource(RecordedPass pass, Func<string, string, CancellationToken, Task> fetchFrame, RecordedTranscript? transcript, IAudioSource audio)
    : IVideoAnalysisSource, IAudioSource, IAudioPieceSource, IStoredTranscript
{
    public TranscribeStageResult? Transcript => transcript?.ToResult();

    public Task<VideoFacts> ProbeAsync(string videoPath, CancellationToken cancellationToken) => Task.FromResult(pass.Facts);

    public async IAsyncEnumerable<PlannedFrame> SampleAsync(string videoPath, SamplingSettings settings, string? framesDirectory, PassOutcome outcome, Action<double>? decoded, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var sample in pass.Samples)
        {
            var path = string.Empty;
            // A sample the recording dropped as a near-duplicate has no JPEG; the analysis drops it again by its hash.
            if (framesDirectory is not null && sample.File is { } file)
            {
                path = Path.Combine(framesDirectory, file);
                await fetchFrame(file, path, cancellationToken).ConfigureAwait(false);
            }

            yield return new PlannedFrame(sample.Time, sample.Reason, path, sample.MotionEnergy, sample.Hash);
        }

        pass.Complete(outcome);
        decoded?.Invoke(pass.Truncated?.DecodableSeconds ?? pass.Facts.DurationSeconds);
    }

    public Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken) =>
        audio.ExtractAsync(videoPath, range, wavPath, cancellationToken);

    public Task CutAsync(string wholeWavPath, TimeRange range, string wavPath, CancellationToken cancellationToken) =>
        IAudioPieceSource.CutFromWavAsync(wholeWavPath, range, wavPath, cancellationToken);

    public Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken) => audio.SpeechAsync(wavPath, cancellationToken);
}
