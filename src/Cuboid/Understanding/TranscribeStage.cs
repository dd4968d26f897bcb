using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Extracts the audio once, finds the speech, splits long audio on silences into pieces the provider
/// accepts, transcribes each piece (cached by the piece's content hash, model and language) and stitches
/// the segments back onto the video's clock. A file without audio is a fact: the stage returns nothing. A budget,
/// provider or transport failure (<see cref="StageFailure"/>) stops the stage with the pieces done so far. Pieces are
/// planned over the audio actually extracted, not the length the header claims, so a truncated file is transcribed as far
/// as it decodes; audio that ends early, or a piece that cannot be read, keeps the transcript so far with a warning.
/// </summary>
internal sealed class TranscribeStage(IAudioSource audio, ISpeechToTextClient? transcriber, IAnalysisCache? cache, IReadOnlyList<string> cacheModels, string? language, TimeProvider time)
{
    public double MaxPieceSeconds { get; init; } = AudioSplitPlanner.DefaultMaxPieceSeconds;

    /// <summary>Called after each piece: (pieces done, pieces).</summary>
    public Action<int, int>? Progress { get; init; }

    public async Task<TranscribeStageResult> RunAsync(string videoPath, double duration, string workDirectory, CancellationToken cancellationToken)
    {
        if (audio is IStoredTranscript { Transcript: { } stored })
        {
            return stored; // Transcribed earlier (a batch's transcribe step): no second extraction.
        }

        var whole = Path.Combine(workDirectory, "audio.wav");
        if (!await audio.ExtractAsync(videoPath, null, whole, cancellationToken).ConfigureAwait(false))
        {
            return TranscribeStageResult.None;
        }

        var speech = await audio.SpeechAsync(whole, cancellationToken).ConfigureAwait(false);
        if (transcriber is null || speech.Count == 0)
        {
            File.Delete(whole);
            return new TranscribeStageResult([], speech, 0, 0, 0, null);
        }

        var warnings = new List<string>();
        var heard = HeardSeconds(whole, duration);
        if (heard < duration - AudioEndTolerance)
        {
            warnings.Add($"The audio ends at {Timecode.Clock(heard)} of {Timecode.Clock(duration)}: the transcript covers only that part.");
        }

        var pieces = AudioSplitPlanner.Plan(heard, speech, MaxPieceSeconds);
        var results = new List<(TimeRange, IReadOnlyList<TranscriptSegment>)>();
        var (calls, hits) = (0, 0);
        CuboidException? stop = null;
        var languageKey = language ?? "auto";
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var wav = whole;
            if (pieces.Count > 1)
            {
                wav = Path.Combine(workDirectory, $"audio-{i:000}.wav");
                try
                {
                    // Cut from the WAV already extracted when the source can (no second decode of the track).
                    if (audio is IAudioPieceSource pieceSource)
                    {
                        await pieceSource.CutAsync(whole, piece, wav, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await audio.ExtractAsync(videoPath, piece, wav, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (CuboidException ex) when (ex.Kind == ErrorKind.Input)
                {
                    // The pieces already heard are worth keeping: the audio just cannot be read from here on.
                    warnings.Add($"The audio could not be read from {Timecode.Clock(piece.Start)} on, so the transcript stops there: {ex.Message}");
                    File.Delete(wav);
                    break;
                }
            }

            var hash = await ContentHash.OfFileAsync(wav, cancellationToken).ConfigureAwait(false);
            if (cache?.FindTranscript(hash, languageKey, cacheModels) is { } cached)
            {
                hits++;
                results.Add((piece, cached.Segments));
            }
            else
            {
                try
                {
                    IReadOnlyList<TranscriptSegment> segments;
                    string? model;
                    var stream = File.OpenRead(wav);
                    await using (stream.ConfigureAwait(false))
                    {
                        (segments, model) = await SpeechSegmentReader.ReadAsync(transcriber, stream, new SpeechToTextOptions { SpeechLanguage = language, SpeechSampleRate = 16_000 }, piece.Duration, cancellationToken).ConfigureAwait(false);
                    }

                    calls++;
                    cache?.PutTranscript(hash, languageKey, model ?? cacheModels.FirstOrDefault() ?? "unknown", segments, time.GetUtcNow());
                    results.Add((piece, segments));
                }
                catch (Exception ex) when (StageFailure.Stop(ex, "transcription", cancellationToken) is { } failure)
                {
                    stop = failure;
                    break;
                }
            }

            if (wav != whole)
            {
                File.Delete(wav);
            }

            Progress?.Invoke(i + 1, pieces.Count);
        }

        File.Delete(whole);
        return new TranscribeStageResult(TranscriptStitcher.Stitch(results), speech, pieces.Count, calls, hits, stop) { Warnings = warnings };
    }

    /// <summary>Audio shorter than the video by more than this (a truncated file, a track cut early) is worth a warning.</summary>
    private const double AudioEndTolerance = 2;

    // The extracted WAV's own length: what there is to transcribe, whatever the container's header says.
    private static double HeardSeconds(string wav, double duration)
    {
        using var stream = File.OpenRead(wav);
        return WavDuration.TryRead(stream) is { } seconds ? Math.Min(seconds, duration) : duration;
    }
}
