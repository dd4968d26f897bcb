using System.Net;
using System.Text;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.OpenAICompatible;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>The failure handler hands its parsed JSON on, so the relay does not parse the answer a second time.</summary>
public sealed class CheckedJsonContentTests
{
    private const string Answer = """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    private sealed class Upstream : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Answer, Encoding.UTF8, "application/json") });
    }

    private static async Task<HttpResponseMessage> SendAsync()
    {
        var endpoint = new ProviderEndpoint("p", "openai", new Uri("http://p.invalid/v1"), "sk-secret");
        using var invoker = new HttpMessageInvoker(new ProviderFailureHandler(endpoint, OpenAIWireProtocol.Instance, new ProviderAdapterOptions()) { InnerHandler = new Upstream() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://p.invalid/v1/chat/completions");
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task A_checked_answer_carries_its_parsed_document_once_and_its_bytes_as_received()
    {
        using var response = await SendAsync();

        var content = Assert.IsType<CheckedJsonContent>(response.Content);
        using (var document = content.TakeDocument())
        {
            Assert.NotNull(document);
            Assert.Equal("Hi", document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        }

        Assert.Null(content.TakeDocument());
        Assert.Equal(Answer, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
