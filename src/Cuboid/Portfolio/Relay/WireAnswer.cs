using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// One OpenAI chat answer as the provider sent it: a <c>chat.completion</c>, or one <c>chat.completion.chunk</c> of a
/// stream. The document is kept whole so the gateway can hand it on with only its id and model changed; what the router
/// needs to book and to judge the answer is read once here.
/// </summary>
internal sealed class WireAnswer : IDisposable
{
    private WireAnswer(JsonDocument json) => Json = json;

    /// <summary>The provider's JSON.</summary>
    public JsonDocument Json { get; }

    /// <summary>Whether it holds part of an answer: text, a refusal or tool calls (not only a role, usage or a finish reason).</summary>
    public bool HasAnswer { get; private set; }

    /// <summary>Characters of answer text, for estimating output tokens when the provider reports no usage.</summary>
    public int TextLength { get; private set; }

    /// <summary>Whether <c>choices</c> has an entry (a stream's usage chunk has none).</summary>
    public bool HasChoices { get; private set; }

    /// <summary>The first choice's <c>finish_reason</c>, if it has one.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>The reported <c>usage.prompt_tokens</c>.</summary>
    public long? InputTokens { get; private set; }

    /// <summary>The reported <c>usage.completion_tokens</c>.</summary>
    public long? OutputTokens { get; private set; }

    /// <summary>Reads a completion (<paramref name="chunk"/> false: choices carry <c>message</c>) or a chunk (choices carry <c>delta</c>).</summary>
    public static WireAnswer Parse(ReadOnlyMemory<byte> json, bool chunk) => Read(JsonDocument.Parse(json), chunk);

    /// <summary>Reads a completion already parsed into <paramref name="json"/>, which the answer now owns.</summary>
    public static WireAnswer Completion(JsonDocument json) => Read(json, chunk: false);

    /// <summary>Reads a completion from <paramref name="body"/> (into pooled buffers, returned when disposed).</summary>
    public static async Task<WireAnswer> ParseAsync(Stream body, CancellationToken cancellationToken) =>
        Read(await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false), chunk: false);

    private static WireAnswer Read(JsonDocument json, bool chunk)
    {
        var answer = new WireAnswer(json);
        try
        {
            answer.Read(answer.Json.RootElement, chunk);
            return answer;
        }
        catch
        {
            answer.Dispose();
            throw;
        }
    }

    // Names as UTF-8 literals and lengths read from the raw text: a stream reads every chunk, so nothing here allocates a string it can avoid.
    private void Read(JsonElement root, bool chunk)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        if (root.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                HasChoices = true;
                if (choice.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (FinishReason is null && choice.TryGetProperty("finish_reason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
                {
                    FinishReason = finish.GetString();
                }

                if (choice.TryGetProperty(chunk ? "delta"u8 : "message"u8, out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    ReadMessage(message);
                }
            }
        }

        if (root.TryGetProperty("usage"u8, out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            InputTokens = Tokens(usage, "prompt_tokens"u8);
            OutputTokens = Tokens(usage, "completion_tokens"u8);
        }
    }

    private void ReadMessage(JsonElement message)
    {
        if (message.TryGetProperty("content"u8, out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                var length = Utf16Length(content);
                TextLength += length;
                HasAnswer |= length > 0;
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                // Some servers answer with content parts; only text counts towards the length.
                foreach (var part in content.EnumerateArray())
                {
                    HasAnswer = true;
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        TextLength += Utf16Length(text);
                    }
                }
            }
        }

        HasAnswer |= message.TryGetProperty("refusal"u8, out var refusal) && refusal.ValueKind == JsonValueKind.String && !refusal.ValueEquals(""u8);
        HasAnswer |= message.TryGetProperty("tool_calls"u8, out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0;
        HasAnswer |= message.TryGetProperty("function_call"u8, out var call) && call.ValueKind == JsonValueKind.Object;
    }

    /// <summary>The string's length in UTF-16 characters, counted on its raw UTF-8 unless it holds escapes.</summary>
    private static int Utf16Length(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var inner = raw[1..^1];
        return inner.Contains((byte)'\\') ? text.GetString()!.Length : Encoding.UTF8.GetCharCount(inner);
    }

    private static long? Tokens(JsonElement usage, ReadOnlySpan<byte> name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var tokens) && tokens >= 0 ? tokens : null;

    public void Dispose() => Json.Dispose();
}
