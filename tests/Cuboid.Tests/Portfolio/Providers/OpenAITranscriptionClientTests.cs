using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.OpenAICompatible;
using Cuboid.Testing.Audio;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class OpenAITranscriptionClientTests(ProviderSimulatorFixture fixture) : IClassFixture<ProviderSimulatorFixture>
{
    private ProviderSimulator Sim => fixture.Sim;

    private static string NewModel() => "whisper-" + Guid.NewGuid().ToString("N")[..8];

    private ISpeechToTextClient Client(string model) =>
        new OpenAICompatibleAdapter(new ProviderAdapterOptions { TimeProvider = fixture.Time }).CreateSpeechToTextClient(Sim.Endpoint("sim-openai"), model)!;

    /// <summary>A real 16 kHz mono 16-bit PCM WAV of silence.</summary>
    private static MemoryStream Wav(double seconds) => new(SilentWav.Bytes(seconds));

    [Fact]
    public async Task Returns_the_transcript_with_timestamped_segments_language_and_duration()
    {
        var model = NewModel();
        using var audio = Wav(3);
        var response = await Client(model).GetTextAsync(audio, new SpeechToTextOptions { SpeechLanguage = "en" });

        Assert.Equal("This is the simulated transcript. It has two segments.", response.Text);
        Assert.Equal(TimeSpan.FromSeconds(3), response.EndTime);
        Assert.Equal("english", response.AdditionalProperties?["language"]);
        Assert.Equal(model, response.ModelId);

        var request = Assert.Single(Sim.Requests, r => r.Model == model);
        Assert.Equal(SimulatedProtocol.OpenAITranscription, request.Protocol);
        Assert.Equal("verbose_json", request.ResponseFormat);
        Assert.Equal("en", request.Language);
        Assert.Equal("audio.wav", request.AudioFileName);
        Assert.Equal(audio.ToArray(), request.Audio);

        // Streamed, the same transcript comes as one finished update per timestamped segment.
        audio.Position = 0;
        var segments = await Segments(Client(model), audio);
        Assert.Equal(2, segments.Count);
        Assert.Equal(("This is the simulated transcript.", TimeSpan.Zero, TimeSpan.FromSeconds(1.5)), (segments[0].Text.Trim(), segments[0].StartTime, segments[0].EndTime));
        Assert.Equal(TimeSpan.FromSeconds(1.5), segments[1].StartTime);
        Assert.All(segments, s => Assert.Equal(model, s.ModelId));
    }

    private static async Task<List<SpeechToTextResponseUpdate>> Segments(ISpeechToTextClient client, Stream audio, SpeechToTextOptions? options = null)
    {
        var segments = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in client.GetStreamingTextAsync(audio, options))
        {
            if (update.Kind == SpeechToTextResponseUpdateKind.TextUpdated)
                segments.Add(update);
        }

        return segments;
    }

    [Fact]
    public async Task Passes_the_responders_segments_through()
    {
        var model = NewModel();
        Sim.Respond(r => r.Model != model ? "other" : new SimulatedReply("")
        {
            Segments = [new SimulatedSegment(0, 2.25, " Hello there."), new SimulatedSegment(2.25, 4, " Goodbye.")],
            DurationSeconds = 4,
        });
        try
        {
            using var audio = Wav(1);
            var segments = await Segments(Client(model), audio, new SpeechToTextOptions { AdditionalProperties = new() { ["filename"] = "clip.wav" } });
            Assert.Equal(["Hello there.", "Goodbye."], segments.Select(s => s.Text.Trim()));
            Assert.Equal(TimeSpan.FromSeconds(2.25), segments[1].StartTime);
            Assert.Equal("clip.wav", Assert.Single(Sim.Requests, r => r.Model == model).AudioFileName);
        }
        finally
        {
            Sim.Respond(r => r.Protocol == SimulatedProtocol.OpenAITranscription
                ? "This is the simulated transcript. It has two segments."
                : $"Simulated answer from {r.Model} to: {r.LastUserText}");
        }
    }

    [Fact]
    public async Task Asks_again_for_plain_json_when_the_model_refuses_verbose_json()
    {
        var model = NewModel();
        Sim.Script(model, Fault.BadRequest("response_format 'verbose_json' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text' instead."));
        using var audio = Wav(2);
        var segments = await Segments(Client(model), audio);
        Assert.Equal("This is the simulated transcript. It has two segments.", Assert.Single(segments).Text);
        Assert.Equal(["verbose_json", "json"], Sim.Requests.Where(r => r.Model == model).Select(r => r.ResponseFormat));
        Assert.Equal(audio.ToArray(), Sim.Requests.Last(r => r.Model == model).Audio);
    }

    public static TheoryData<string> Faults() =>
        ["RateLimited", "ServerError", "ConnectionReset", "StreamCut", "MalformedJson", "EmptyChoices", "Unauthorized", "BadRequest"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Maps_each_fault_to_its_kind_after_exactly_one_request(string faultName)
    {
        var (fault, kind) = faultName switch
        {
            "RateLimited" => (Fault.RateLimited(TimeSpan.FromSeconds(7)), ProviderFailureKind.RateLimited),
            "ServerError" => (Fault.ServerError(503), ProviderFailureKind.ServerError),
            "ConnectionReset" => (Fault.ConnectionReset, ProviderFailureKind.ConnectionFailed),
            "StreamCut" => (Fault.StreamCut, ProviderFailureKind.BadResponse),
            "MalformedJson" => (Fault.MalformedJson, ProviderFailureKind.BadResponse),
            "EmptyChoices" => (Fault.EmptyChoices, ProviderFailureKind.BadResponse),
            "Unauthorized" => (Fault.Unauthorized, ProviderFailureKind.Unauthorized),
            _ => (Fault.BadRequest("Invalid file format."), ProviderFailureKind.BadRequest),
        };
        var model = NewModel();
        Sim.Script(model, fault);
        using var audio = Wav(1);
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => Client(model).GetTextAsync(audio));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(1, Sim.CallCount(model));
        if (fault.Kind == FaultKind.RateLimited)
            Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task Streaming_yields_the_same_transcript()
    {
        using var audio = Wav(2);
        var text = "";
        await foreach (var update in Client(NewModel()).GetStreamingTextAsync(audio))
            text += update.Text;
        Assert.Equal("This is the simulated transcript. It has two segments.", text);
    }
}
