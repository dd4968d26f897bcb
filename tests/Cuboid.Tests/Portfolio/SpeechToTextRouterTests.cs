using Cuboid.Portfolio;
using Cuboid.Testing.Audio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public class SpeechToTextRouterTests
{
    /// <summary>A 16 kHz mono 16-bit WAV of the given length (silence).</summary>
    internal static byte[] Wav(double seconds) => SilentWav.Bytes(seconds);

    [Fact]
    public async Task Transcription_is_routed_priced_per_audio_minute_from_the_wav_header()
    {
        var harness = new PortfolioHarness();
        var portfolio = harness.Build();
        using var audio = new MemoryStream(Wav(30));

        var response = await portfolio.GetSpeechToTextClient(new RouteConstraints { Policy = RoutingPolicy.Quality }).GetTextAsync(audio);

        Assert.Equal("transcript from alpha:ears", response.Text);
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal(("transcribe", 30d), (record.Task, record.AudioSeconds));
        Assert.Equal(0.003m, record.Dollars);
    }

    [Fact]
    public async Task A_failed_transcription_is_retried_and_falls_over_with_the_whole_audio_each_time()
    {
        var harness = new PortfolioHarness();
        harness.Speech("alpha:ears").GetTextAsyncCallback = (_, _, _) => throw new ProviderCallException("alpha", ProviderFailureKind.ServerError, "busy", 503);
        harness.Speech("beta:ears").GetTextAsyncCallback = (_, _, _) => Task.FromResult(new SpeechToTextResponse("hello") { EndTime = TimeSpan.FromSeconds(12) });
        var portfolio = harness.Build();
        var wav = Wav(12);
        using var nonSeekable = new NonSeekableStream(wav);

        var response = await harness.Drive(() => portfolio.GetSpeechToTextClient(new RouteConstraints { Policy = RoutingPolicy.Quality }).GetTextAsync(nonSeekable));

        Assert.Equal("hello", response.Text);
        Assert.All(harness.Speech("alpha:ears").BytesSeen.Concat(harness.Speech("beta:ears").BytesSeen), n => Assert.Equal(wav.Length, n));
        Assert.Equal(3, harness.Speech("alpha:ears").Calls);
        Assert.Equal(12 / 60m * 0.002m, portfolio.Ledger.Records[^1].Dollars);
    }

    [Fact]
    public async Task The_caller_can_state_the_audio_length_for_non_wav_input()
    {
        var harness = new PortfolioHarness();
        var portfolio = harness.Build(budget: 0.01m);
        using var audio = new MemoryStream(new byte[1000]);
        var options = new SpeechToTextOptions { AdditionalProperties = new() { ["cuboid.audioSeconds"] = 3600.0 } };

        // An hour at $0.002/min is $0.12: over the budget, refused before sending.
        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.GetSpeechToTextClient(new RouteConstraints { PinnedModel = "beta:ears" }).GetTextAsync(audio, options));

        Assert.Equal(ErrorKind.Budget, ex.Kind);
        Assert.Equal(0, harness.Speech("beta:ears").Calls);
    }

    [Fact]
    public async Task Streaming_transcription_returns_the_routed_transcript()
    {
        var portfolio = new PortfolioHarness().Build();
        using var audio = new MemoryStream(Wav(1));
        var text = new System.Text.StringBuilder();

        await foreach (var update in portfolio.GetSpeechToTextClient().GetStreamingTextAsync(audio))
        {
            text.Append(update.Text);
        }

        Assert.StartsWith("transcript from", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wav_duration_is_read_from_the_header_and_non_wav_gives_none()
    {
        using var wav = new MemoryStream(Wav(2.5));
        using var other = new MemoryStream(new byte[64]);

        Assert.Equal(2.5, WavDuration.TryRead(wav));
        Assert.Equal(0, wav.Position);
        Assert.Null(WavDuration.TryRead(other));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
