namespace Cuboid.Portfolio;

/// <summary>
/// A provider declared in the config file: any OpenAI-compatible server (vLLM, LM Studio, llama.cpp, Together...).
/// Its models are referenced as <c>name:model</c>; add them to the catalog overlay to give them tasks and prices.
/// </summary>
public sealed record CustomEndpointSettings
{
    public required string Name { get; init; }

    public required string BaseUrl { get; init; }

    /// <summary>Environment variable with the key, or null when the server needs none.</summary>
    public string? KeyEnv { get; init; }

    public string ApiKind { get; init; } = "openai";
}
