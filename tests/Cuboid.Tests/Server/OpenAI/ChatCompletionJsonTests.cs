using System.Buffers;
using System.Text;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Server.OpenAI;

namespace Cuboid.Tests.Server.OpenAI;

/// <summary>A relayed answer goes out as the provider wrote it, under the gateway's envelope and the booked usage.</summary>
public sealed class ChatCompletionJsonTests
{
    private const string Provider = """
        {"id":"up-1","object":"chat.completion","created":1,"model":"gpt-x","system_fingerprint":"fp_\u00e9<1>",
         "ch\u006fices":[{"index":0,"message":{"role":"assistant","content":"Héllo \"quoted\" \ud83d\ude00","refusal":null},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":999,"completion_tokens":999,"total_tokens":1998},"service_tier":"default"}
        """;

    [Fact]
    public void A_relayed_completion_keeps_every_provider_field_as_sent_under_the_gateways_envelope()
    {
        using var provider = JsonDocument.Parse(Provider);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ChatCompletionJson.WriteRelayedCompletion(json, provider.RootElement, "chatcmpl-gw", 1764892800, "sim:m",
                new UsageRecord { Task = "chat", Provider = "sim", ModelId = "sim:m", InputTokens = 12, OutputTokens = 7 });
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var written = JsonDocument.Parse(text);
        var root = written.RootElement;
        Assert.Equal(["id", "object", "created", "model", "system_fingerprint", "choices", "service_tier", "usage"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("chatcmpl-gw", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(1764892800, root.GetProperty("created").GetInt64());
        Assert.Equal("sim:m", root.GetProperty("model").GetString());
        Assert.Equal("fp_é<1>", root.GetProperty("system_fingerprint").GetString());
        Assert.Equal("Héllo \"quoted\" 😀", root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("choices")[0].GetProperty("logprobs").ValueKind);
        Assert.Equal("""{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}""", root.GetProperty("usage").GetRawText());

        // The provider's own bytes, not a re-encoding of them.
        Assert.Contains("""
            "Héllo \"quoted\" \ud83d\ude00"
            """.Trim(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relayed_chunk_leaves_the_providers_usage_out()
    {
        using var provider = JsonDocument.Parse("""{"id":"up","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":{"prompt_tokens":1}}""");
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ChatCompletionJson.WriteRelayedChunk(json, provider.RootElement, "chatcmpl-gw", 7, "sim:m");
        }

        Assert.Equal("""{"id":"chatcmpl-gw","object":"chat.completion.chunk","created":7,"model":"sim:m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
