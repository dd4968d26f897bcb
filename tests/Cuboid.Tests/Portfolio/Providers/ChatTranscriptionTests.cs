using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Audio;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>
/// Transcription through a chat model that hears audio (Gemini's OpenAI-compatible endpoint): the WAV goes as an
/// <c>input_audio</c> part with a JSON schema for timestamped segments; the answer becomes transcript segments, and the
/// ledger prices the audio tokens at the audio rate. Through the router and the real adapter over loopback HTTP.
/// </summary>
public sealed class ChatTranscriptionTests : IClassFixture<RouterSimulatorFixture>
{
    private const string Gemini = "gemini-2.5-flash";
    private readonly ProviderSimulator _sim;

    public ChatTranscriptionTests(RouterSimulatorFixture fixture)
    {
        _sim = fixture.Fresh(_ => new SimulatedReply("") { Segments = [new(0.5, 3.25, "Hello and welcome."), new(12.5, 15, "Now the second part.")] });
    }

    private static readonly CatalogModel Model = new()
    {
        Id = $"gemini:{Gemini}",
        Tasks = ["chat", "transcribe"],
        Input = ["text", "image", "audio"],
        StructuredOutput = true,
        ContextWindow = 1_048_576,
        Prices = new ModelPrices { InputPerMTok = 0.30m, OutputPerMTok = 2.50m, AudioInputPerMTok = 1.00m, AudioInputTokensPerSecond = 32 },
        Ratings = [new ModelRating("transcribe", 72, "test", new DateOnly(2026, 11, 20))],
    };

    private RunScope Build()
    {
        var catalog = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "gemini", ApiKind = "openai", BaseUrl = new Uri(_sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_GEMINI_KEY" }],
            Models = [Model],
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, new PortfolioSettings { Resilience = new ResilienceSettings { MaxAttempts = 2, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05 } },
            adapters.ApiKinds.Select(adapters.Get), new MapEnvironment(new Dictionary<string, string> { ["SIM_GEMINI_KEY"] = ProviderSimulator.DefaultApiKey })).BeginRun();
    }

    [Fact]
    public async Task A_chat_model_that_hears_audio_transcribes_with_timestamps_and_is_priced_by_audio_tokens()
    {
        var portfolio = Build();
        using var audio = new MemoryStream(SilentWav.Bytes(20));

        var response = await portfolio.GetSpeechToTextClient().GetTextAsync(audio, new SpeechToTextOptions { SpeechLanguage = "en" });

        Assert.Equal("Hello and welcome. Now the second part.", response.Text);
        Assert.Equal(
            [(0.5, 3.25, "Hello and welcome."), (12.5, 15.0, "Now the second part.")],
            response.GetSegments().Select(s => (s.Start.TotalSeconds, s.End.TotalSeconds, s.Text)));
        Assert.Equal(TimeSpan.FromSeconds(20), response.GetDuration());

        // On the wire: a chat completion carrying the WAV as input_audio, asking for the transcript schema.
        var request = Assert.Single(_sim.Requests);
        Assert.Equal((SimulatedProtocol.OpenAIChat, Gemini, "json_schema"), (request.Protocol, request.Model, request.ResponseFormat));
        var part = Assert.Single(request.Messages.SelectMany(m => m.Audio));
        Assert.Equal(("wav", 20.0), (part.Format, part.Seconds));
        Assert.Contains("the speech is in 'en'", request.LastUserText, StringComparison.Ordinal);

        // Booked: 640 audio tokens (32/s) at $1.00/M, the rest of the prompt at $0.30/M, the transcript at $2.50/M.
        var record = Assert.Single(portfolio.Ledger.Records);
        var usage = Assert.Single(_sim.Calls).Usage!;
        Assert.Equal((ModelTasks.Transcribe, 20d, (long)usage.InputTokens), (record.Task, record.AudioSeconds, record.InputTokens));
        Assert.Equal(((usage.InputTokens - 640) * 0.30m + 640 * 1.00m + usage.OutputTokens * 2.50m) / 1_000_000m, record.Dollars);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_transcript_json_is_a_bad_response_retried_then_reported()
    {
        _sim.Respond(_ => "I heard someone say hello.");
        var portfolio = Build();
        using var audio = new MemoryStream(SilentWav.Bytes(5));

        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.GetSpeechToTextClient().GetTextAsync(audio));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Contains("did not answer with the transcript JSON asked for (not JSON)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _sim.CallCount(Gemini));
    }

    [Fact]
    public void Segments_read_as_seconds_or_clock_strings_in_order_and_clamped_to_the_audio()
    {
        var segments = ChatTranscript.TryRead("""
            ```json
            {"segments":[{"start":"0:12.5","end":"0:15","text":" second "},{"start":0,"end":3,"text":"first"},{"start":9,"end":40,"text":"runs past the end"},{"start":50,"end":51,"text":"after the end"},{"start":4,"end":5,"text":""}]}
            ```
            """, audioSeconds: 20, out _);

        Assert.NotNull(segments);
        Assert.Equal([(0d, 3d, "first"), (9d, 20d, "runs past the end"), (12.5, 15d, "second")], segments.Select(s => (s.Start.TotalSeconds, s.End.TotalSeconds, s.Text)));
        Assert.Equal([0, 1, 2], segments.Select(s => s.Id));
        Assert.Null(ChatTranscript.TryRead("""{"text":"hello"}""", 20, out var problem));
        Assert.Equal("no \"segments\" array", problem);
    }
}
