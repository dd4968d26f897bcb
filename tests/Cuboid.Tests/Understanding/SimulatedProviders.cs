using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

/// <summary>
/// The provider simulator configured as the user's OpenAI provider (through a cuboid.json in a temp
/// folder and a test-only key variable), answering captions, transcriptions and the reasoner's JSON.
/// </summary>
internal sealed partial class SimulatedProviders : IAsyncDisposable, IEnvironmentVariables
{
    public const string KeyVariable = "CUBOID_TEST_SIM_KEY";

    private SimulatedProviders(ProviderSimulator simulator, string folder)
    {
        Simulator = simulator;
        Folder = folder;
    }

    public ProviderSimulator Simulator { get; }

    /// <summary>A temp folder holding cuboid.json, the cache and outputs; deleted on dispose.</summary>
    public string Folder { get; }

    public string ConfigPath => Path.Combine(Folder, "cuboid.json");

    public string CacheDirectory => Path.Combine(Folder, "cache");

    public static async Task<SimulatedProviders> StartAsync()
    {
        var simulator = await ProviderSimulator.StartAsync();
        var folder = Directory.CreateTempSubdirectory("cuboid-analyze-").FullName;
        var world = new SimulatedProviders(simulator, folder);
        await File.WriteAllTextAsync(world.ConfigPath, $$"""
            {
              "providers": { "openai": { "baseUrl": "{{simulator.Endpoint("openai").BaseUri}}", "keyEnv": "{{KeyVariable}}" } },
              "tasks": { "caption": { "model": "openai:gpt-4.1-mini" }, "transcribe": { "model": "openai:whisper-1" }, "reason": { "model": "openai:gpt-4.1-mini" } },
              "resilience": { "maxAttempts": 2, "baseDelaySeconds": 0.01, "maxDelaySeconds": 0.05, "callTimeoutSeconds": 20, "breakerMinimumThroughput": 1000 }
            }
            """);
        simulator.Respond(Answer);
        return world;
    }

    public string? Get(string name) => name switch
    {
        KeyVariable => ProviderSimulator.DefaultApiKey,
        "HOME" => Folder,
        _ => null,
    };

    public AnalyzeOptions Options(string video, IVideoAnalysisSource media, IAudioSource audio, string output, decimal? budget = null) => new()
    {
        Request = new AnalyzeRequest { VideoPath = video, OutputDirectory = output, Concurrency = 3 },
        ConfigPath = ConfigPath,
        CacheDirectory = CacheDirectory,
        Environment = this,
        WorkingDirectory = Folder,
        Budget = budget,
        Media = media,
        Audio = audio,
    };

    /// <summary>Caption requests, in arrival order.</summary>
    public IReadOnlyList<SimulatedRequest> Captions => [.. Simulator.Requests.Where(r => r.Protocol == SimulatedProtocol.OpenAIChat && r.Images.Count > 0)];

    public IReadOnlyList<SimulatedRequest> Reasoning => [.. Simulator.Requests.Where(r => r.Protocol == SimulatedProtocol.OpenAIChat && r.Images.Count == 0 && r.Audio is null)];

    /// <summary>Transcription requests: Whisper-style uploads, and chat requests carrying audio (Gemini).</summary>
    public IReadOnlyList<SimulatedRequest> Transcriptions => [.. Simulator.Requests.Where(r => r.Protocol == SimulatedProtocol.OpenAITranscription || r.Audio is not null)];

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    /// <summary>The answer of every simulated model: a transcript, a caption, or the reasoner's JSON.</summary>
    public static SimulatedReply Answer(SimulatedRequest request)
    {
        if (request.Protocol == SimulatedProtocol.OpenAITranscription || request.Audio is not null)
        {
            return new SimulatedReply("Hello and welcome. Now the second part.")
            {
                Segments = [new SimulatedSegment(0.5, 3.25, "Hello and welcome."), new SimulatedSegment(12.5, 15, "Now the second part.")],
            };
        }

        if (request.Images.Count > 0)
        {
            var at = Stamp().Match(request.LastUserText).Groups[1].Value;
            return $"Frame {at}: a slide with the text \"{Hash(request.Images[0].Data!)}\".";
        }

        var stamps = Stamp().Matches(request.LastUserText).Select(m => Timecode.TryParse(m.Groups[1].Value)!.Value).ToList();
        var last = stamps.Count == 0 ? 0 : stamps.Max();
        var mid = (last / 2).ToString("0.###", CultureInfo.InvariantCulture);
        return $$"""{"summary":"A short simulated talk.","chapters":[{"start":"00:00","end":"00:10","title":"Welcome","summary":"The greeting."},{"start":{{mid}},"title":"Second part","summary":"The rest."}],"key_moments":[{"time":"00:12","description":"The cut"}],"topics":["simulation"]}""";
    }

    [GeneratedRegex(@"\[?(\d+:\d\d(?::\d\d)?)\]?")]
    private static partial Regex Stamp();

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
