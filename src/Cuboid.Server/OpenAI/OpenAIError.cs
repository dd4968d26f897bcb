using System.Text.Json.Serialization;

namespace Cuboid.Server.OpenAI;

/// <summary>The OpenAI error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAIError([property: JsonPropertyName("error")] OpenAIErrorDetail Error);
