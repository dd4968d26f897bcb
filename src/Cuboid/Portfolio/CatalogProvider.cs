namespace Cuboid.Portfolio;

/// <summary>
/// A provider in the catalog: its id (the part before the colon in <c>provider:model</c>), wire protocol,
/// default base URL and the environment variable that holds its key (null for a local endpoint).
/// </summary>
public sealed record CatalogProvider
{
    /// <summary>The provider id used in model references (<c>openai</c> in <c>openai:gpt-4.1-mini</c>).</summary>
    public required string Id { get; init; }

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint), <c>anthropic</c> or <c>ollama</c>.</summary>
    public string ApiKind { get; init; } = "openai";

    /// <summary>The API's base address (for <c>openai</c> wire protocols, including the version, e.g. <c>https://api.openai.com/v1</c>).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Environment variable with the API key; null when the endpoint needs none (local servers).</summary>
    public string? KeyEnv { get; init; }

    /// <summary>Environment variable that, when set, gives the endpoint's host (e.g. <c>OLLAMA_HOST</c>) and marks a local provider as present.</summary>
    public string? HostEnv { get; init; }

    /// <summary>
    /// Environment variable that, when set, replaces <see cref="BaseUrl"/> (the SDK-standard <c>OPENAI_BASE_URL</c>,
    /// <c>ANTHROPIC_BASE_URL</c>); a <c>baseUrl</c> in the config file still wins.
    /// </summary>
    public string? BaseUrlEnv { get; init; }

    /// <summary>The display name; null shows the id.</summary>
    public string? Name { get; init; }

    /// <summary>Whether calls leave the machine (false for local servers such as Ollama).</summary>
    public bool IsLocal => KeyEnv is null;
}
