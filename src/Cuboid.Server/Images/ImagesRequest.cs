using System.Text.Json;
using Cuboid.Generation.Images;
using Cuboid.Server.Gateway;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.Images;

/// <summary>
/// A <c>POST /v1/images/generations</c> body in OpenAI's shape: <c>prompt</c>, <c>model</c> (<c>auto</c> or a catalog id),
/// <c>n</c>, <c>size</c> (<c>WIDTHxHEIGHT</c> or <c>auto</c>), <c>quality</c> (<c>low</c>, <c>medium</c>, <c>high</c>; DALL-E's
/// <c>standard</c> and <c>hd</c> read as medium and high), <c>response_format</c> (<c>b64_json</c>, the default, or <c>url</c>).
/// </summary>
public sealed record ImagesRequest(string Prompt, string? Model, int Count, System.Drawing.Size? Size, string? Quality, bool AsUrl)
{
    public static ImagesRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GatewayException.BadRequest("the body must be a JSON object");
        }

        string? Text(string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var prompt = Text("prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw GatewayException.BadRequest("'prompt' is required: say what the image should show", "prompt");
        }

        var count = body.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null
            ? n.TryGetInt32(out var parsed) && parsed is >= 1 and <= 10 ? parsed : throw GatewayException.BadRequest("'n' must be a whole number from 1 to 10", "n")
            : 1;
        var size = Text("size") is { } s && s != "auto"
            ? Generation.VideoSize.TryParse(s, out var wh) ? new System.Drawing.Size(wh.Width, wh.Height) : throw GatewayException.BadRequest($"'size' must be WIDTHxHEIGHT or auto, not '{s}'", "size")
            : (System.Drawing.Size?)null;
        var quality = Text("quality") switch
        {
            null or "auto" => null,
            "standard" => "medium",
            "hd" => "high",
            "low" or "medium" or "high" => Text("quality"),
            var other => throw GatewayException.BadRequest($"'quality' must be low, medium, high or auto, not '{other}'", "quality"),
        };
        var asUrl = Text("response_format") switch
        {
            null or "b64_json" => false,
            "url" => true,
            var other => throw GatewayException.BadRequest($"'response_format' must be b64_json or url, not '{other}'", "response_format"),
        };
        var model = Text("model") is { } m && m != "auto" ? m : null;
        return new ImagesRequest(prompt, model, count, size, quality, asUrl);
    }

    /// <summary>The library's options for this request, pinned to <paramref name="model"/> when set.</summary>
    public ImageGenerationOptions Options(string? model)
    {
        var options = new ImageGenerationOptions { ModelId = model, Count = Count, ImageSize = Size, AdditionalProperties = [] };
        if (Quality is not null)
        {
            options.AdditionalProperties[PortfolioImageGenerator.QualityKey] = Quality;
        }

        return options;
    }
}
