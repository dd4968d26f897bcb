using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.OpenAICompatible;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class OpenAICompatibleAdapterTests(ProviderSimulatorFixture fixture) : ProviderAdapterContract(fixture), IClassFixture<ProviderSimulatorFixture>
{
    protected override string ApiKind => "openai";

    private protected override IProviderAdapter CreateAdapter(ProviderAdapterOptions options) => new OpenAICompatibleAdapter(options);

    [Fact]
    public async Task Asks_for_usage_in_streams()
    {
        var model = NewModel();
        await AskAsync(Client(model), stream: true);
        Assert.True(Assert.Single(Sim.Requests, r => r.Model == model).IncludeUsage);
    }
}
