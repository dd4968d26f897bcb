using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.Ollama;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class OllamaAdapterTests(ProviderSimulatorFixture fixture) : ProviderAdapterContract(fixture), IClassFixture<ProviderSimulatorFixture>
{
    protected override string ApiKind => "ollama";

    protected override IProviderAdapter CreateAdapter(ProviderAdapterOptions options) => new OllamaAdapter(options);

    // Ollama takes bare base64 images without a media type.
    protected override void AssertImageMediaType(SimulatedImage image) => Assert.Null(image.MediaType);
}
