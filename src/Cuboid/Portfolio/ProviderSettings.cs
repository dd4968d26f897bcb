namespace Cuboid.Portfolio;

/// <summary>Config-file overrides for one catalog provider. Keys are never here: only the name of the variable holding one.</summary>
public sealed record ProviderSettings
{
    /// <summary>Another base URL (a proxy, a simulator, a regional endpoint).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Another environment variable holding the key.</summary>
    public string? KeyEnv { get; init; }

    /// <summary>False turns the provider off; true turns a local provider (no key) on without its host variable.</summary>
    public bool? Enabled { get; init; }
}
