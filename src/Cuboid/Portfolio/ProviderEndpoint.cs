namespace Cuboid.Portfolio;

/// <summary>
/// How to reach one provider: its catalog id, wire protocol (<c>openai</c>, <c>anthropic</c>, <c>ollama</c>),
/// base address and key. The key is resolved from the environment at run time and is never printed:
/// <see cref="ToString"/> redacts it.
/// </summary>
public sealed record ProviderEndpoint(string Id, string ApiKind, Uri BaseUri, string? ApiKey)
{
    /// <summary>The endpoint for logs and messages, with the key redacted (only whether one is set).</summary>
    public override string ToString() =>
        $"{Id} ({ApiKind} at {BaseUri}, key {(ApiKey is null ? "none" : "set")})";
}
