using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.Ollama;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class OllamaAdapterTests(ProviderSimulatorFixture fixture) : ProviderAdapterContract(fixture), IClassFixture<ProviderSimulatorFixture>
{
    protected override string ApiKind => "ollama";

    private protected override IProviderAdapter CreateAdapter(ProviderAdapterOptions options) => new OllamaAdapter(options);

    // Ollama takes bare base64 images without a media type.
    protected override void AssertImageMediaType(SimulatedImage image) => Assert.Null(image.MediaType);

    [Fact]
    public async Task Talks_to_a_keyless_local_server()
    {
        var endpoint = new ProviderEndpoint("ollama", "ollama", Sim.BaseUri, ApiKey: null);
        var response = await CreateAdapter(new ProviderAdapterOptions()).CreateChatClient(endpoint, "llava:7b").GetResponseAsync("Hi?");
        Assert.Equal("Simulated answer from llava:7b to: Hi?", response.Text);
        Assert.Null(Assert.Single(Sim.Requests, r => r.Model == "llava:7b").ApiKey);
    }
}
