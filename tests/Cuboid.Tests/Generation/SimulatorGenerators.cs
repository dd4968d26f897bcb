using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Providers;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary>Generators for the simulator's protocols, by host id = protocol name (openai, fal, replicate, veo, openrouter).</summary>
internal sealed class SimulatorGenerators(VideoHostSimulator sim, string? apiKey = null) : IVideoGeneratorSource
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IVideoGenerator For(string host) => VideoApiKinds.Create(sim.Endpoint(host, apiKey: apiKey), Http);
}
