using System.Text.Json.Serialization;

namespace Cuboid.Server.OpenAI;

/// <summary>The inside of an <see cref="OpenAIError"/>.</summary>
public sealed record OpenAIErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string Code);
