using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>
/// The chat relay through the gateway: what reaches an OpenAI-protocol model is the client's JSON with only the router's
/// fields changed, both paths (relay on and off) answer alike, and a request whose messages are malformed is refused
/// before any model is called even though a relayed request is never read into SDK messages.
/// </summary>
public sealed class ChatRelayTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private static JsonObject Sent(ProviderSimulator sim) => JsonNode.Parse(sim.Requests.Single().RawBody!)!.AsObject();

    [Fact]
    public async Task What_the_gateway_does_not_read_reaches_an_OpenAI_protocol_model_as_the_client_sent_it()
    {
        using var host = new GatewayHost(_sim);
        var body = ServerJson.Chat($"sim:{GatewayHost.Primary}", "hello");
        body["user"] = "user-42";
        body["logprobs"] = true;
        body["presence_penalty"] = 0.5;
        body["metadata"] = new JsonObject { ["team"] = "video" };

        var (response, answer) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sim:primary-model", (string)answer["model"]!);
        var sent = Sent(_sim);
        Assert.Equal(GatewayHost.Primary, (string)sent["model"]!);
        Assert.Equal("user-42", (string)sent["user"]!);
        Assert.True((bool)sent["logprobs"]!);
        Assert.Equal(0.5, (double)sent["presence_penalty"]!);
        Assert.Equal("video", (string)sent["metadata"]!["team"]!);
        // The cap goes under the name every OpenAI model takes, as the SDK sends it.
        Assert.Equal(100, (int)sent["max_completion_tokens"]!);
        Assert.Null(sent["max_tokens"]);
    }

    [Fact]
    public async Task A_relayed_stream_asks_the_provider_for_usage_and_the_client_only_gets_it_when_it_asked()
    {
        using var host = new GatewayHost(_sim);

        var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat($"sim:{GatewayHost.Primary}", "hello", stream: true));
        var events = ServerJson.Events(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)Sent(_sim)["stream_options"]!["include_usage"]!);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.All(events.SkipLast(1), e => Assert.NotEmpty(JsonNode.Parse(e.Data)!["choices"]!.AsArray()));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task The_relay_and_the_routed_clients_answer_alike(bool relay, bool stream)
    {
        using var host = new GatewayHost(_sim, relayChat: relay);

        var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hello", stream, includeUsage: stream));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sim:primary-model", response.Headers.GetValues("x-cuboid-model").Single());
        JsonNode usage;
        if (stream)
        {
            var events = ServerJson.Events(text);
            var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
            Assert.Equal("Simulated answer from primary-model to: hello", string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())));
            Assert.Equal("assistant", (string)chunks[0]["choices"]![0]!["delta"]!["role"]!);
            Assert.Single(chunks, c => c["choices"]!.AsArray().FirstOrDefault()?["finish_reason"]?.GetValue<string>() == "stop");
            Assert.Single(chunks.Select(c => (string)c["id"]!).Distinct());
            Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string)c["object"]!));
            usage = chunks[^1]["usage"]!;
        }
        else
        {
            var answer = JsonNode.Parse(text)!;
            Assert.Equal("chat.completion", (string)answer["object"]!);
            Assert.StartsWith("chatcmpl-", (string)answer["id"]!, StringComparison.Ordinal);
            Assert.Equal("Simulated answer from primary-model to: hello", (string)answer["choices"]![0]!["message"]!["content"]!);
            usage = answer["usage"]!;
        }

        // Booked with the provider's own counts (not the gateway's estimate), whichever path and mode.
        var counted = _sim.Calls.Single().Usage!;
        Assert.Equal(counted.InputTokens, (int)usage["prompt_tokens"]!);
        Assert.Equal(counted.OutputTokens, (int)usage["completion_tokens"]!);
        Assert.Equal(counted.TotalTokens, (int)usage["total_tokens"]!);
    }

    [Theory]
    [InlineData("""["hello"]""")]
    [InlineData("""[{"content":"hello"}]""")]
    [InlineData("""[{"role":"robot","content":"hello"}]""")]
    [InlineData("""[{"role":"user","content":5}]""")]
    [InlineData("""[{"role":"user","content":[{"text":"no type"}]}]""")]
    public async Task A_malformed_message_is_refused_before_any_model_is_called(string messages)
    {
        using var host = new GatewayHost(_sim);
        var body = new JsonObject { ["model"] = $"sim:{GatewayHost.Primary}", ["messages"] = JsonNode.Parse(messages) };

        var (response, answer) = await ServerJson.PostAsync(host.Client(), "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("messages[0]", (string)answer["error"]!["param"]!);
        Assert.Empty(_sim.Calls);
    }

    public static TheoryData<string, bool> EveryFault()
    {
        var data = new TheoryData<string, bool>();
        foreach (var fault in FaultMatrix.Keys)
        {
            data.Add(fault, false);

            // A streamed error event may come in the same read as the first piece (then it falls over) or after it
            // (then the client sees the piece and an error event): a matter of timing on either path (StreamingTests).
            if (fault != "error event")
            {
                data.Add(fault, true);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Fault> FaultMatrix = new()
    {
        ["429 once"] = Fault.RateLimited(),
        ["500 always"] = Fault.ServerError(500),
        ["reset"] = Fault.ConnectionReset,
        ["malformed JSON"] = Fault.MalformedJson,
        ["no choices"] = Fault.EmptyChoices,
        ["error event"] = Fault.StreamError,
        ["401"] = Fault.Unauthorized,
        ["403"] = Fault.Forbidden,
        ["context length"] = Fault.ContextLengthExceeded,
        ["400"] = Fault.BadRequest(),
    };

    /// <summary>
    /// Every fault of the simulator on the OpenAI-protocol model, plain and streamed: the relay must leave the client
    /// exactly where the routed clients leave it (status, the model that answered or the error's code, the stream's end,
    /// and for a plain answer what it cost), since both are the same router's call loop.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryFault))]
    public async Task Under_every_fault_the_relay_ends_where_the_routed_clients_end(string fault, bool stream)
    {
        var outcomes = new List<string>();
        foreach (var relay in (bool[])[true, false])
        {
            _sim.ClearScripts();
            if (fault == "429 once")
            {
                _sim.Script(GatewayHost.Primary, FaultMatrix[fault]);
            }
            else
            {
                _sim.ScriptAlways(GatewayHost.Primary, FaultMatrix[fault]);
            }

            using var host = new GatewayHost(_sim, relayChat: relay);
            var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hello", stream));
            var text = await response.Content.ReadAsStringAsync();
            var answeredBy = response.Headers.TryGetValues("x-cuboid-model", out var models) ? models.Single() : null;
            var cost = response.Headers.TryGetValues("x-cuboid-cost", out var costs) ? costs.Single() : "-";
            var error = response.IsSuccessStatusCode ? null : ServerJson.ErrorCode(JsonNode.Parse(text)!.AsObject());
            outcomes.Add($"{(int)response.StatusCode} {answeredBy ?? error} {cost} {(stream && response.IsSuccessStatusCode ? ServerJson.Events(text)[^1].Data == "[DONE]" : text.Contains("\"choices\"", StringComparison.Ordinal))}");
        }

        Assert.Equal(outcomes[1], outcomes[0]);
    }
}
