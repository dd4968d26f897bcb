using System.Buffers;
using System.Text.Json;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// Writes the body one candidate is sent: the caller's OpenAI chat request as it came, property for property, with
/// what the router decides per candidate put in: the provider's own model name; the output cap as
/// <c>max_completion_tokens</c> (what the OpenAI SDK sends for either name, and the only one reasoning models take), widened
/// by the model's thinking (<see cref="CatalogModel.ReasoningTokens"/>, as for every routed call); a JSON schema downgraded to JSON mode
/// for a model the catalog does not mark <see cref="CatalogModel.StructuredOutput"/>; and on a stream, usage asked for
/// (<c>stream_options.include_usage</c>) so the call is booked with what the provider counted. <c>stream</c> is written
/// as the caller decided it, and a plain call sends no <c>stream_options</c>.
/// </summary>
internal static class WireRequest
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The body for <paramref name="model"/>, written into <paramref name="buffer"/>.</summary>
    public static void Write(IBufferWriter<byte> buffer, JsonElement request, CatalogModel model, bool stream)
    {
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var thinking = model.ReasoningTokens is > 0 ? model.ReasoningTokens.Value : 0;
        var downgradeSchema = model.StructuredOutput != true;
        json.WriteStartObject();
        json.WriteString("model"u8, model.Ref.Model);
        if (Cap(request) is { } cap)
        {
            json.WriteNumber("max_completion_tokens"u8, cap + thinking);
        }

        var askedUsage = false;
        foreach (var property in request.EnumerateObject())
        {
            // Written by the router below: the cap, and whether (and how) to stream, which the gateway decided from the
            // request already (a plain call with stream_options is a 400 at OpenAI).
            if (property.NameEquals("model"u8) || property.NameEquals("max_completion_tokens"u8) || property.NameEquals("max_tokens"u8)
                || property.NameEquals("stream"u8) || (!stream && property.NameEquals("stream_options"u8)))
            {
                continue;
            }

            if (downgradeSchema && property.NameEquals("response_format"u8) && IsJsonSchema(property.Value))
            {
                json.WriteStartObject(property.Name);
                json.WriteString("type"u8, "json_object"u8);
                json.WriteEndObject();
            }
            else if (stream && property.NameEquals("stream_options"u8))
            {
                askedUsage = true;
                WriteStreamOptions(json, property.Value);
            }
            else
            {
                property.WriteTo(json);
            }
        }

        if (stream)
        {
            json.WriteBoolean("stream"u8, true);
            if (!askedUsage)
            {
                WriteStreamOptions(json, default);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The estimate of an OpenAI chat request, counted as <see cref="RequestEstimate.ForChat"/> counts the same request read
    /// into Microsoft.Extensions.AI messages: the characters of its text (string contents and <c>text</c> parts) and its
    /// <c>image_url</c> parts, with <paramref name="outputCap"/> (else <paramref name="defaultOutputTokens"/>) to reserve.
    /// </summary>
    public static RequestEstimate Estimate(JsonElement request, int? outputCap, int defaultOutputTokens)
    {
        var characters = 0;
        var images = 0;
        if (request.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
                {
                    continue;
                }

                if (content.ValueKind == JsonValueKind.String)
                {
                    characters += content.GetString()!.Length;
                    continue;
                }

                if (content.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type))
                    {
                        continue;
                    }

                    if (type.ValueEquals("text"u8) && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        characters += text.GetString()!.Length;
                    }
                    else if (type.ValueEquals("image_url"u8))
                    {
                        images++;
                    }
                }
            }
        }

        return new RequestEstimate
        {
            TextTokens = RequestEstimate.TokensForText(characters),
            Images = images,
            OutputTokens = outputCap ?? defaultOutputTokens,
        };
    }

    private static long? Cap(JsonElement request)
    {
        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var cap))
            {
                return cap;
            }
        }

        return null;
    }

    private static void WriteStreamOptions(Utf8JsonWriter json, JsonElement given)
    {
        json.WriteStartObject("stream_options"u8);
        if (given.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in given.EnumerateObject())
            {
                if (!option.NameEquals("include_usage"u8))
                {
                    option.WriteTo(json);
                }
            }
        }

        json.WriteBoolean("include_usage"u8, true);
        json.WriteEndObject();
    }

    private static bool IsJsonSchema(JsonElement format) =>
        format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("json_schema"u8);
}
