using System.Runtime.CompilerServices;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Understanding;

public sealed class ReplayedPassSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-replayed-").FullName;

    [Fact]
    public async Task With_no_recorded_transcript_the_audio_is_extracted_once_and_its_pieces_are_cut_from_that_wav()
    {
        // 50 s of speech with pauses at 20-22 s and 40-42 s, pieces of at most 25 s: three pieces.
        var media = new CountingAudio(new FakeMedia(duration: 50) { Speech = [new(0, 20), new(22, 40), new(42, 50)] });
        var pass = new RecordedPass(new VideoFacts(50, 320, 180, 25, "h264", true, "aac", "mp4"), [], [], [], [], null, []);
        var replayed = new ReplayedPassSource(pass, (_, _, _) => Task.CompletedTask, transcript: null, media);
        var speech = new PieceLengths();
        var stage = new TranscribeStage(replayed, speech, cache: null, ["openai:whisper-1"], null, TimeProvider.System) { MaxPieceSeconds = 25 };

        var result = await stage.RunAsync("video.mp4", 50, _folder, CancellationToken.None);

        Assert.Equal(3, result.Pieces);
        Assert.Equal([null], media.Ranges); // The whole track once; no piece decoded again.
        Assert.Equal(50, speech.PieceSeconds.Sum(), precision: 3);
        Assert.All(speech.PieceSeconds, s => Assert.InRange(s, 1, 25));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The fallback audio source, recording each extraction's range (null: the whole track).</summary>
    private sealed class CountingAudio(IAudioSource inner) : IAudioSource
    {
        public List<TimeRange?> Ranges { get; } = [];

        public Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken)
        {
            Ranges.Add(range);
            return inner.ExtractAsync(videoPath, range, wavPath, cancellationToken);
        }

        public Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken) => inner.SpeechAsync(wavPath, cancellationToken);
    }

    /// <summary>Records each piece's length from its WAV bytes (16 kHz mono 16-bit after a 44-byte header).</summary>
    private sealed class PieceLengths : ISpeechToTextClient
    {
        public List<double> PieceSeconds { get; } = [];

        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await audioSpeechStream.CopyToAsync(copy, cancellationToken);
            PieceSeconds.Add((copy.Length - 44) / 32000.0);
            yield return new SpeechToTextResponseUpdate("words") { Kind = SpeechToTextResponseUpdateKind.TextUpdated, StartTime = TimeSpan.Zero, EndTime = TimeSpan.FromSeconds(1) };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
