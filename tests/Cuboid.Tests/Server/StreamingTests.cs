using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>
/// Streamed completions through the gateway: failures before the first byte fall over invisibly, a stream cut after
/// it ends with an explicit SSE error event and no <c>[DONE]</c>, and usage comes as the last chunk when asked for.
/// </summary>
public sealed class StreamingTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private static async Task<(HttpResponseMessage Response, List<(string? Event, string Data)> Events)> StreamAsync(GatewayHost host, JsonObject body)
    {
        var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", body);
        return (response, ServerJson.Events(await response.Content.ReadAsStringAsync()));
    }

    private static string Text(List<(string? Event, string Data)> events) =>
        string.Concat(events.Where(e => e.Event is null && e.Data != "[DONE]")
            .Select(e => JsonNode.Parse(e.Data)!["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));

    [Fact]
    public async Task A_clean_stream_ends_with_a_finish_reason_the_usage_chunk_and_DONE()
    {
        using var host = new GatewayHost(_sim);

        var (response, events) = await StreamAsync(host, ServerJson.Chat("auto", "hello", stream: true, includeUsage: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Simulated answer from primary-model to: hello", Text(events));
        Assert.Equal("[DONE]", events[^1].Data);
        var usage = JsonNode.Parse(events[^2].Data)!;
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.True((long)usage["usage"]!["completion_tokens"]! > 0);
        Assert.Equal("stop", (string)JsonNode.Parse(events[^3].Data)!["choices"]![0]!["finish_reason"]!);
        Assert.All(events.SkipLast(1), e => Assert.Equal("sim:primary-model", (string)JsonNode.Parse(e.Data)!["model"]!));
    }

    [Fact]
    public async Task Without_include_usage_no_usage_chunk_is_sent()
    {
        using var host = new GatewayHost(_sim);

        var (_, events) = await StreamAsync(host, ServerJson.Chat("auto", "hello", stream: true));

        Assert.DoesNotContain(events.SkipLast(1), e => JsonNode.Parse(e.Data)!["usage"] is not null);
    }

    [Theory]
    [MemberData(nameof(FaultsBeforeTheFirstByte))]
    public async Task A_failure_before_the_first_byte_falls_over_and_the_client_sees_one_clean_stream(string name)
    {
        _sim.ScriptAlways(GatewayHost.Primary, Faults[name]);
        using var host = new GatewayHost(_sim, timeoutSeconds: 1);

        var (response, events) = await StreamAsync(host, ServerJson.Chat("auto", "hello", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Simulated answer from backup-model to: hello", Text(events));
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.DoesNotContain(events, e => e.Event == "error");
    }

    public static TheoryData<string> FaultsBeforeTheFirstByte => [.. Faults.Keys];

    private static readonly Dictionary<string, Fault> Faults = new()
    {
        ["429"] = Fault.RateLimited(),
        ["500"] = Fault.ServerError(500),
        ["reset"] = Fault.ConnectionReset,
        ["slow first byte"] = Fault.FirstByteAfter(TimeSpan.FromSeconds(3)),
    };

    // (An upstream error event is not in this list: it can arrive in the same read as the first piece, and is then
    // caught before any byte went out and falls over.)
    [Theory]
    [InlineData("cut")]
    [InlineData("stall")]
    public async Task A_stream_broken_after_the_first_byte_ends_with_an_explicit_error_event_and_no_DONE(string how)
    {
        _sim.ScriptAlways(GatewayHost.Primary, how == "cut" ? Fault.StreamCut : Fault.StreamStall(TimeSpan.FromSeconds(3)));
        _sim.Respond(_ => "one two three four five six seven eight");
        using var host = new GatewayHost(_sim, timeoutSeconds: 1);

        var (response, events) = await StreamAsync(host, ServerJson.Chat("auto", "hello", stream: true, includeUsage: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Text(events));
        var error = events[^1];
        Assert.Equal("error", error.Event);
        Assert.Equal("upstream_failed", (string)JsonNode.Parse(error.Data)!["error"]!["code"]!);
        Assert.Contains("cut after", (string)JsonNode.Parse(error.Data)!["error"]!["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task A_stream_no_model_can_start_is_a_plain_502_not_a_200()
    {
        _sim.ScriptAlways(ProviderSimulator.AnyModel, Fault.ServerError(502));
        using var host = new GatewayHost(_sim);

        var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hello", stream: true));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
