using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Relay;

namespace Cuboid.Tests.Portfolio.Relay;

/// <summary>The body one candidate is sent: the caller's request, with the router's per-model fields fitted.</summary>
public sealed class WireRequestTests
{
    private static readonly CatalogModel Plain = new() { Id = "sim:plain-model", Tasks = ["chat"] };

    private static JsonObject Write(string request, CatalogModel model, bool stream)
    {
        using var doc = JsonDocument.Parse(request);
        var buffer = new ArrayBufferWriter<byte>();
        WireRequest.Write(buffer, doc.RootElement, model, stream);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    [Fact]
    public void Every_field_goes_on_as_sent_with_the_providers_model_name()
    {
        var sent = Write("""{"model":"auto","messages":[{"role":"user","content":"hi \u00e9"}],"temperature":0.2,"user":"u1","logit_bias":{"50256":-100},"n":2}""", Plain, stream: false);

        Assert.Equal("plain-model", (string)sent["model"]!);
        Assert.Equal("hi é", (string)sent["messages"]![0]!["content"]!);
        Assert.Equal(0.2, (double)sent["temperature"]!);
        Assert.Equal("u1", (string)sent["user"]!);
        Assert.Equal(-100, (int)sent["logit_bias"]!["50256"]!);
        Assert.Equal(2, (int)sent["n"]!);
        Assert.Null(sent["stream_options"]);
        Assert.Equal(6, sent.Count);
    }

    [Theory]
    [InlineData("""{"max_tokens":50}""", 50)]
    [InlineData("""{"max_completion_tokens":70}""", 70)]
    [InlineData("""{"max_completion_tokens":70,"max_tokens":50}""", 70)]
    public void The_cap_is_sent_as_max_completion_tokens_widened_by_a_reasoning_models_thinking(string request, int cap)
    {
        var thinker = Plain with { Id = "sim:thinker", ReasoningTokens = 1000 };

        var plain = Write(request, Plain, stream: false);
        var widened = Write(request, thinker, stream: false);

        Assert.Equal(cap, (int)plain["max_completion_tokens"]!);
        Assert.Equal(cap + 1000, (int)widened["max_completion_tokens"]!);
        Assert.Null(plain["max_tokens"]);
        Assert.Null(widened["max_tokens"]);
    }

    [Fact]
    public void A_request_without_a_cap_is_sent_without_one()
    {
        var sent = Write("""{"messages":[]}""", Plain with { ReasoningTokens = 1000 }, stream: false);

        Assert.Null(sent["max_completion_tokens"]);
        Assert.Null(sent["max_tokens"]);
    }

    [Fact]
    public void A_json_schema_goes_only_to_models_that_take_one_the_others_get_json_mode()
    {
        const string Request = """{"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}}}""";

        var structured = Write(Request, Plain with { StructuredOutput = true }, stream: false);
        var plain = Write(Request, Plain, stream: false);

        Assert.Equal("json_schema", (string)structured["response_format"]!["type"]!);
        Assert.Equal("s", (string)structured["response_format"]!["json_schema"]!["name"]!);
        Assert.Equal("""{"type":"json_object"}""", plain["response_format"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"stream":true}""")]
    [InlineData("""{"stream":true,"stream_options":{"include_usage":false}}""")]
    [InlineData("""{"stream":true,"stream_options":{"include_obfuscation":false}}""")]
    public void A_stream_always_asks_for_usage_and_keeps_the_callers_other_stream_options(string request)
    {
        var sent = Write(request, Plain, stream: true);

        Assert.True((bool)sent["stream"]!);
        Assert.True((bool)sent["stream_options"]!["include_usage"]!);
        Assert.Equal(request.Contains("include_obfuscation", StringComparison.Ordinal), sent["stream_options"]!["include_obfuscation"] is not null);
        Assert.Single(sent, p => p.Key == "stream_options");
    }

    [Theory]
    [InlineData("""{"stream":false,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"stream":"yes"}""")]
    [InlineData("""{"stream_options":null}""")]
    public void A_plain_call_sends_neither_stream_nor_stream_options(string request)
    {
        var sent = Write(request, Plain, stream: false);

        Assert.Null(sent["stream"]);
        Assert.Null(sent["stream_options"]);
    }

    [Fact]
    public void A_streamed_call_says_so_once()
    {
        var sent = Write("""{"stream":true,"messages":[]}""", Plain, stream: true);

        Assert.True((bool)sent["stream"]!);
        Assert.Single(sent, p => p.Key == "stream");
    }
}
