using System.Net;
using System.Text;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.Anthropic;
using Cuboid.Portfolio.Providers.Ollama;
using Cuboid.Portfolio.Providers.OpenAICompatible;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class ProviderAdaptersTests(ProviderSimulatorFixture fixture) : IClassFixture<ProviderSimulatorFixture>
{
    [Fact]
    public void Default_knows_the_three_wire_protocols()
    {
        Assert.Equal(["anthropic", "ollama", "openai"], ProviderAdapters.Default.ApiKinds.Order());
        Assert.IsType<OpenAICompatibleAdapter>(ProviderAdapters.Default.Get("openai"));
        Assert.IsType<AnthropicAdapter>(ProviderAdapters.Default.Get("Anthropic"));
        Assert.IsType<OllamaAdapter>(ProviderAdapters.Default.Get("ollama"));
        Assert.Null(ProviderAdapters.Default.Get("anthropic").CreateSpeechToTextClient(fixture.Sim.Endpoint("a", "anthropic"), "m"));
    }

    [Fact]
    public void An_unknown_api_kind_is_a_usage_error_naming_the_known_ones()
    {
        var ex = Assert.Throws<CuboidException>(() => ProviderAdapters.Default.Get("grpc"));
        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("anthropic, ollama, openai", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1/")]
    public async Task A_custom_openai_compatible_endpoint_is_just_a_base_url(string path)
    {
        // e.g. a vLLM or llama.cpp server declared in the config file, with or without a trailing slash.
        var endpoint = new ProviderEndpoint("my-vllm", "openai", new Uri(fixture.Sim.BaseUri, path), fixture.Sim.ApiKey);
        var client = ProviderAdapters.Default.CreateChatClient(endpoint, "qwen");
        var response = await client.GetResponseAsync("Say hi.");
        Assert.Equal("Simulated answer from qwen to: Say hi.", response.Text);
        Assert.Same(endpoint, client.GetService<ProviderEndpoint>());
        Assert.Equal("/v1/chat/completions", fixture.Sim.Requests[^1].Path);
    }

    [Theory]
    [InlineData("anthropic", "")]
    [InlineData("anthropic", "v1")]
    [InlineData("anthropic", "v1/")]
    [InlineData("ollama", "")]
    [InlineData("ollama", "api")]
    public async Task Accepts_a_base_url_with_or_without_the_path_the_sdk_adds(string apiKind, string path)
    {
        var endpoint = new ProviderEndpoint("p", apiKind, new Uri(fixture.Sim.BaseUri, path), fixture.Sim.ApiKey);
        var response = await ProviderAdapters.Default.CreateChatClient(endpoint, "base-" + apiKind).GetResponseAsync("Hello?");
        Assert.Equal($"Simulated answer from base-{apiKind} to: Hello?", response.Text);
    }

    [Fact]
    public void Transient_kinds_are_the_retryable_ones()
    {
        var transient = Enum.GetValues<ProviderFailureKind>().Where(k => new ProviderCallException("p", k, "m").IsTransient);
        Assert.Equal([ProviderFailureKind.RateLimited, ProviderFailureKind.ServerError, ProviderFailureKind.Timeout,
            ProviderFailureKind.ConnectionFailed, ProviderFailureKind.BadResponse], transient);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Runs_over_an_in_process_handler(bool stream)
    {
        var handler = new CannedOpenAIChatHandler();
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = handler });
        var client = adapters.CreateChatClient(new ProviderEndpoint("canned", "openai", new Uri("http://canned.invalid/v1"), "sk-x"), "canned");
        var response = stream ? await client.GetStreamingResponseAsync("hi").ToChatResponseAsync() : await client.GetResponseAsync("hi");
        Assert.Equal("A canned answer.", response.Text);
        Assert.Equal(16, response.Usage?.TotalTokenCount);
        Assert.Equal(1, handler.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Holds_an_sse_stream_labelled_json_to_its_terminator(bool complete)
    {
        var sse = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi.\"},\"finish_reason\":null}]}\n\n"
            + (complete ? "data: [DONE]\n\n" : "");
        var handler = new FixedResponseHandler(sse, "application/json");
        var client = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = handler })
            .CreateChatClient(new ProviderEndpoint("quirky", "openai", new Uri("http://quirky.invalid/v1"), null), "m");
        if (complete)
        {
            Assert.Equal("Hi.", (await client.GetStreamingResponseAsync("hi").ToChatResponseAsync()).Text);
            return;
        }
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetStreamingResponseAsync("hi").ToChatResponseAsync());
        Assert.Equal(ProviderFailureKind.BadResponse, ex.Kind);
    }

    [Fact]
    public async Task Reports_a_proxys_html_error_page_with_its_text()
    {
        var handler = new FixedResponseHandler("<html><body>502 Bad Gateway</body></html>", "text/html", HttpStatusCode.BadGateway);
        var client = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = handler })
            .CreateChatClient(new ProviderEndpoint("behind-proxy", "openai", new Uri("http://proxy.invalid/v1"), "sk-x"), "m");
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(ProviderFailureKind.ServerError, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-day\",\"code\":429}}", ProviderFailureKind.RateLimited, 429)]
    [InlineData("application/json", "{\"error\":{\"message\":\"Upstream failed\"}}", ProviderFailureKind.ServerError, null)]
    [InlineData("text/event-stream", "data: {\"error\":{\"message\":\"Provider returned error\",\"code\":502}}\n\n", ProviderFailureKind.ServerError, 502)]
    public async Task Classifies_an_error_inside_a_200_by_the_code_it_carries(string mediaType, string body, ProviderFailureKind kind, int? status)
    {
        var client = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = new FixedResponseHandler(body, mediaType) })
            .CreateChatClient(new ProviderEndpoint("openrouter", "openai", new Uri("http://router.invalid/api/v1"), "sk-or-x"), "m");
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => mediaType == "text/event-stream"
            ? client.GetStreamingResponseAsync("hi").ToChatResponseAsync()
            : client.GetResponseAsync("hi"));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains(body.Contains("Rate", StringComparison.Ordinal) ? "free-models-per-day" : body.Contains("Upstream", StringComparison.Ordinal) ? "Upstream failed" : "Provider returned error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_geminis_error_array()
    {
        const string body = """[{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}]""";
        var client = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = new FixedResponseHandler(body, "application/json", HttpStatusCode.BadRequest) })
            .CreateChatClient(new ProviderEndpoint("gemini", "openai", new Uri("https://generativelanguage.invalid/v1beta/openai"), "AIza-x"), "gemini-2.5-flash");
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(ProviderFailureKind.ContextLengthExceeded, ex.Kind);
        Assert.Contains("exceeds the maximum number of tokens", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[{", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FixedResponseHandler(string body, string mediaType, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request });
    }
}
