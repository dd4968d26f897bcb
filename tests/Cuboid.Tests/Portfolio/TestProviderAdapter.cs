using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>An adapter that hands out the harness's test clients by <c>provider:model</c>, and records the endpoints it was given.</summary>
internal sealed class TestProviderAdapter(string apiKind, PortfolioHarness harness) : IProviderAdapter
{
    public string ApiKind { get; } = apiKind;

    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId)
    {
        harness.Endpoints[endpoint.Id] = endpoint;
        return harness.Chat($"{endpoint.Id}:{modelId}");
    }

    public ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId)
    {
        harness.Endpoints[endpoint.Id] = endpoint;
        return ApiKind == "openai" ? harness.Speech($"{endpoint.Id}:{modelId}") : null;
    }
}
