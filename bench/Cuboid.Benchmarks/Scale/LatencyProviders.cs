using System.Globalization;
using Cuboid.Testing.Simulators;

namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// The provider simulator as every cluster process's OpenAI provider (a <c>cuboid.json</c> in a temp folder, the key in
/// <see cref="KeyVariable"/>), answering as slowly as real providers do: a caption after <see cref="CaptionLatency"/>,
/// a transcript after <see cref="TranscriptionPerMinute"/> per minute of audio, a synthesis after
/// <see cref="SynthesisLatency"/>. The waits are the simulator's, so they cost the cluster no CPU.
/// </summary>
internal sealed class LatencyProviders : IAsyncDisposable
{
    public const string KeyVariable = "CUBOID_BENCH_SIM_KEY";

    public static readonly TimeSpan CaptionLatency = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan TranscriptionPerMinute = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SynthesisLatency = TimeSpan.FromMilliseconds(500);

    private LatencyProviders(ProviderSimulator simulator, string folder)
    {
        Simulator = simulator;
        Folder = folder;
    }

    public ProviderSimulator Simulator { get; }

    public string Folder { get; }

    public string ConfigPath => Path.Combine(Folder, "cuboid.json");

    public static async Task<LatencyProviders> StartAsync()
    {
        var simulator = await ProviderSimulator.StartAsync(new ProviderSimulatorOptions { LogPayloads = false });
        simulator.Respond(Answer);
        var providers = new LatencyProviders(simulator, Directory.CreateTempSubdirectory("cuboid-bench-providers-").FullName);
        await File.WriteAllTextAsync(providers.ConfigPath, $$"""
            {
              "providers": { "openai": { "baseUrl": "{{simulator.Endpoint("openai").BaseUri}}", "keyEnv": "{{KeyVariable}}" } },
              "tasks": { "caption": { "model": "openai:gpt-4.1-mini" }, "transcribe": { "model": "openai:whisper-1" }, "reason": { "model": "openai:gpt-4.1-mini" } },
              "resilience": { "maxAttempts": 2, "baseDelaySeconds": 0.05, "maxDelaySeconds": 0.2, "callTimeoutSeconds": 60, "breakerMinimumThroughput": 100000 }
            }
            """);
        return providers;
    }

    /// <summary>Calls of each kind so far: captions, transcriptions, syntheses.</summary>
    public (int Captions, int Transcriptions, int Syntheses) Counts()
    {
        var requests = Simulator.Requests;
        var transcriptions = requests.Count(r => r.Protocol == SimulatedProtocol.OpenAITranscription || r.Audio is not null);
        var captions = requests.Count(r => r.Protocol == SimulatedProtocol.OpenAIChat && r.Images.Count > 0);
        return (captions, transcriptions, requests.Count - captions - transcriptions);
    }

    private static SimulatedReply Answer(SimulatedRequest request)
    {
        if (request.Protocol == SimulatedProtocol.OpenAITranscription || request.Audio is not null)
        {
            // Without payload logging the audio still reaches the responder; its WAV header gives the length.
            var seconds = request.Audio is { } audio ? SimulatedTranscript.WavSeconds(audio) : 60;
            return new SimulatedReply("A tone plays. It keeps playing.")
            {
                Segments = SimulatedTranscript.SpreadOver("A tone plays. It keeps playing.", seconds),
                Delay = TranscriptionPerMinute * (seconds / 60),
            };
        }

        if (request.Images.Count > 0)
        {
            return new SimulatedReply("A test card with colour bars and a moving gradient.") { Delay = CaptionLatency };
        }

        return new SimulatedReply("""{"summary":"A test card with a steady tone.","chapters":[{"start":"00:00","title":"Test card","summary":"Colour bars and a tone."}],"key_moments":[],"topics":["benchmark"]}""")
        {
            Delay = SynthesisLatency,
        };
    }

    /// <summary>The latencies as one line for the results.</summary>
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"captions {CaptionLatency.TotalMilliseconds:0} ms each, transcription {TranscriptionPerMinute.TotalSeconds:0} s per minute of audio, synthesis {SynthesisLatency.TotalMilliseconds:0} ms");

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
