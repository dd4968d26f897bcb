using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.Anthropic;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class AnthropicAdapterTests(ProviderSimulatorFixture fixture) : ProviderAdapterContract(fixture), IClassFixture<ProviderSimulatorFixture>
{
    protected override string ApiKind => "anthropic";

    private protected override IProviderAdapter CreateAdapter(ProviderAdapterOptions options) => new AnthropicAdapter(options);

    [Fact]
    public async Task Sends_the_version_header_and_max_tokens()
    {
        var model = NewModel();
        await AskAsync(Client(model), stream: false);
        var request = Assert.Single(Sim.Requests, r => r.Model == model);
        Assert.NotNull(request.AnthropicVersion);
        Assert.Contains("\"max_tokens\":", request.RawBody, StringComparison.Ordinal);
    }
}
