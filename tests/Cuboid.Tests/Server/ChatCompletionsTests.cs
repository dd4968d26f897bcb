using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>
/// <c>/v1/chat/completions</c> through the gateway over real adapters and the loopback simulator, with the
/// simulator's faults: what the client sees (status, body, SSE events) and which model answered.
/// </summary>
public sealed class ChatCompletionsTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    [Fact]
    public async Task A_plain_completion_names_the_model_that_answered_and_its_usage()
    {
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("auto", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", (string)body["object"]!);
        Assert.Equal("sim:primary-model", (string)body["model"]!);
        Assert.Equal("Simulated answer from primary-model to: hello", (string)body["choices"]![0]!["message"]!["content"]!);
        Assert.Equal("stop", (string)body["choices"]![0]!["finish_reason"]!);
        Assert.True((long)body["usage"]!["prompt_tokens"]! > 0);
        Assert.Equal((long)body["usage"]!["prompt_tokens"]! + (long)body["usage"]!["completion_tokens"]!, (long)body["usage"]!["total_tokens"]!);
        Assert.Equal("sim:primary-model", response.Headers.GetValues("x-cuboid-model").Single());
    }

    [Fact]
    public async Task An_image_in_a_message_reaches_the_model()
    {
        using var host = new GatewayHost(_sim);
        var png = Convert.ToBase64String(await File.ReadAllBytesAsync(await Cuboid.Testing.Generation.TestImages.SolidPngAsync("red", 16, 16)));
        var body = new JsonObject
        {
            ["model"] = "chat",
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "what is this?" },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = $"data:image/png;base64,{png}" } }),
            }),
        };

        var (response, _) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var image = Assert.Single(_sim.Requests.Single().Images);
        Assert.Equal("image/png", image.MediaType);
    }

    [Fact]
    public async Task Server_errors_on_the_first_model_fall_over_to_the_next_one_on_another_protocol()
    {
        _sim.ScriptAlways(GatewayHost.Primary, Fault.ServerError(503));
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("auto", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("simanthropic:backup-model", (string)body["model"]!);
        Assert.Equal(3, _sim.CallCount(GatewayHost.Primary));
    }

    [Fact]
    public async Task A_rate_limited_model_is_retried_and_answers()
    {
        _sim.Script(GatewayHost.Primary, Fault.RateLimited());
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("auto", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sim:primary-model", (string)body["model"]!);
        Assert.Equal(2, _sim.CallCount(GatewayHost.Primary));
    }

    [Fact]
    public async Task When_no_model_answers_the_client_gets_a_502_with_an_OpenAI_error_body()
    {
        _sim.ScriptAlways(ProviderSimulator.AnyModel, Fault.ServerError(500));
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("auto", "hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_failed", ServerJson.ErrorCode(body));
        Assert.Contains("no model answered", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderSimulator.DefaultApiKey, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_model_answers_alone()
    {
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("simanthropic:backup-model", "hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("simanthropic:backup-model", (string)body["model"]!);
        Assert.Equal(0, _sim.CallCount(GatewayHost.Primary));
    }

    [Theory]
    [InlineData("no-such:model", HttpStatusCode.NotFound, "model_not_found")]
    [InlineData("gpt-4", HttpStatusCode.NotFound, "model_not_found")]
    [InlineData("sim:whisper-1", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task A_model_that_cannot_chat_here_is_refused_before_any_call(string model, HttpStatusCode status, string code)
    {
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat(model, "hi"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, ServerJson.ErrorCode(body));
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task Bad_requests_get_one_clear_400()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var notJson = await client.PostAsync("/v1/chat/completions", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var (noMessages, body) = await ServerJson.PostAsync(client, "/v1/chat/completions", new JsonObject { ["model"] = "auto", ["messages"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMessages.StatusCode);
        Assert.Equal("messages", (string)body["error"]!["param"]!);
    }

    [Fact]
    public async Task A_request_without_a_key_or_with_a_wrong_one_is_401()
    {
        using var host = new GatewayHost(_sim);

        var none = await host.Client(key: null).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));
        var wrong = await host.Client("cbk-wrong").PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("invalid_api_key", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        using var host = new GatewayHost(_sim, maxRequestBytes: 1024);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", ServerJson.Chat("auto", new string('x', 4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", ServerJson.ErrorCode(body));
        Assert.Empty(_sim.Calls);
    }
}
