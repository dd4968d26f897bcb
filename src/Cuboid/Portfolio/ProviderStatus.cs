namespace Cuboid.Portfolio;

/// <summary>
/// Whether a provider can be called here and why (which variable holds its key, or why it cannot).
/// It never carries the key itself.
/// </summary>
public sealed record ProviderStatus(string Id, string ApiKind, Uri BaseUri, string? KeyEnv, bool Configured, string Reason);
