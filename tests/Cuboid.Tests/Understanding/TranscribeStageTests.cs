using Cuboid.Testing.Video;
using Cuboid.Understanding;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TranscriptSegment = Cuboid.Understanding.Reports.TranscriptSegment;

namespace Cuboid.Tests.Understanding;

public sealed class TranscribeStageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-transcribe-").FullName;

    [Fact]
    public async Task Long_audio_is_sent_in_pieces_cut_in_silences_and_stitched_back_on_the_video_clock()
    {
        // 25 minutes of speech with pauses at 500-504 s and 1000-1004 s: three pieces under 10 minutes. Each piece's
        // last segment runs 2 s past the piece's end and is clipped to it.
        var media = new FakeMedia(duration: 1500) { Speech = [new(0, 500), new(504, 1000), new(1004, 1500)] };
        var speech = new PieceEchoingTranscriber();
        var stage = new TranscribeStage(media, speech, cache: null, ["openai:whisper-1"], "en", TimeProvider.System);

        var result = await stage.RunAsync("video.mp4", 1500, _folder, CancellationToken.None);

        Assert.Equal(3, result.Pieces);
        // Cut in the middle of each pause: at 502 s and 1002 s.
        Assert.Equal([502d, 500d, 498d], speech.PieceSeconds);
        Assert.All(speech.Languages, l => Assert.Equal("en", l));
        Assert.Equal(
            [
                new TranscriptSegment(1.5, 4.25, "piece 1 first"), new TranscriptSegment(492, 502, "piece 1 last"),
                new TranscriptSegment(503.5, 506.25, "piece 2 first"), new TranscriptSegment(994, 1002, "piece 2 last"),
                new TranscriptSegment(1003.5, 1006.25, "piece 3 first"), new TranscriptSegment(1492, 1500, "piece 3 last"),
            ],
            result.Segments);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_file_without_audio_is_a_fact_not_an_error()
    {
        var speech = new PieceEchoingTranscriber();
        var stage = new TranscribeStage(new FakeMedia(hasAudio: false), speech, null, [], null, TimeProvider.System);

        var result = await stage.RunAsync("video.mp4", 40, _folder, CancellationToken.None);

        Assert.Empty(result.Segments);
        Assert.Empty(speech.PieceSeconds);
    }

    [Fact]
    public async Task A_truncated_file_is_transcribed_as_far_as_its_audio_decodes_with_a_warning()
    {
        // The header says 10 s; the data stops at about 6 s. With 3-second pieces, planning over the header's length
        // asked for a piece past the data, whose extraction failed, and the whole transcript was lost.
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 10, Gop = 25, FastStart = true, CutToFraction = 0.6 });
        var speech = new PieceEchoingTranscriber();
        var stage = new TranscribeStage(MediaEngineSource.Instance, speech, cache: null, ["openai:whisper-1"], null, TimeProvider.System) { MaxPieceSeconds = 3 };

        var result = await stage.RunAsync(path, 10, _folder, CancellationToken.None);

        Assert.Null(result.Stop);
        Assert.InRange(speech.PieceSeconds.Sum(), 1, 9);
        Assert.Equal(speech.PieceSeconds.Count, result.Pieces);
        Assert.Equal(2 * result.Pieces, result.Segments.Count);
        Assert.True(result.Segments[^1].End < 9.5, $"the transcript runs to {result.Segments[^1].End} s, past the data");
        Assert.Contains("the transcript covers only that part", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_piece_that_cannot_be_read_keeps_the_pieces_heard_before_it_with_a_warning()
    {
        var media = new FakeMedia(duration: 1500) { Speech = [new(0, 500), new(504, 1000), new(1004, 1500)], UnreadableFrom = 1000 };
        var speech = new PieceEchoingTranscriber();
        var stage = new TranscribeStage(media, speech, cache: null, ["openai:whisper-1"], null, TimeProvider.System);

        var result = await stage.RunAsync("video.mp4", 1500, _folder, CancellationToken.None);

        Assert.Equal(2, speech.PieceSeconds.Count);
        Assert.Equal(["piece 1 first", "piece 1 last", "piece 2 first", "piece 2 last"], result.Segments.Select(s => s.Text));
        Assert.Null(result.Stop);
        Assert.StartsWith("The audio could not be read from 16:42 on, so the transcript stops there:", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Audio_as_long_as_the_video_gives_no_warning()
    {
        var stage = new TranscribeStage(new FakeMedia(duration: 40), new PieceEchoingTranscriber(), null, [], null, TimeProvider.System);

        var result = await stage.RunAsync("video.mp4", 40, _folder, CancellationToken.None);

        Assert.NotEmpty(result.Segments);
        Assert.Empty(result.Warnings);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Answers each piece with a segment 1.5 s in and one just before its end, named by piece number.</summary>
    private sealed class PieceEchoingTranscriber : ISpeechToTextClient
    {
        public List<double> PieceSeconds { get; } = [];

        public List<string?> Languages { get; } = [];

        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        /// <summary>Microsoft.Extensions.AI's own shape of a timed transcript: one finished update per segment.</summary>
        public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await audioSpeechStream.CopyToAsync(copy, cancellationToken);
            var seconds = (copy.Length - 44) / 32000.0;
            PieceSeconds.Add(seconds);
            Languages.Add(options?.SpeechLanguage);
            var n = PieceSeconds.Count;
            yield return new SpeechToTextResponseUpdate($"piece {n} first")
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdated, StartTime = TimeSpan.FromSeconds(1.5), EndTime = TimeSpan.FromSeconds(4.25),
            };
            yield return new SpeechToTextResponseUpdate($"piece {n} last")
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdated, StartTime = TimeSpan.FromSeconds(seconds - 10 + (n == 1 ? 0 : 2)), EndTime = TimeSpan.FromSeconds(seconds + 2),
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
