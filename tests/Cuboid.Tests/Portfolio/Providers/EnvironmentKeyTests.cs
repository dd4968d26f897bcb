using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>Changes process environment variables, so it runs alone.</summary>
[Collection(nameof(EnvironmentKeyTests))]
public sealed class EnvironmentKeyTests
{
    private sealed class HeaderCapture : HttpMessageHandler
    {
        public List<string> Authorization { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization.Add(string.Join(" ", request.Headers.Where(h => h.Key is "Authorization" or "x-api-key").SelectMany(h => h.Value)));
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}"), RequestMessage = request });
        }
    }

    [Theory]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("openai", "OPENAI_API_KEY")]
    public async Task A_keyless_endpoint_never_borrows_a_key_from_the_environment(string apiKind, string variable)
    {
        const string secret = "sk-env-7d1c0ffee5ecret";
        var previous = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            var capture = new HeaderCapture();
            var client = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = capture })
                .CreateChatClient(new ProviderEndpoint("local", apiKind, new Uri("http://local-llm.invalid/v1"), ApiKey: null), "m");
            var ex = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetResponseAsync("hi"));
            Assert.Equal(ProviderFailureKind.ServerError, ex.Kind);
            Assert.DoesNotContain(secret, Assert.Single(capture.Authorization), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, previous);
        }
    }
}
