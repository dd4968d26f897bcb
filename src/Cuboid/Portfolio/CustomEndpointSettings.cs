namespace Cuboid.Portfolio;

/// <summary>
/// A provider declared in the config file: any OpenAI-compatible server (vLLM, LM Studio, llama.cpp, Together...).
/// Its models are referenced as <c>name:model</c>; add them to the catalog overlay to give them tasks and prices.
/// </summary>
public sealed record CustomEndpointSettings
{
    /// <summary>The endpoint's name, used as the provider id in model references (<c>vllm:my-model</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The endpoint's base address (for <c>openai</c>, including the version, e.g. <c>http://localhost:8000/v1</c>).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Environment variable with the key, or null when the server needs none.</summary>
    public string? KeyEnv { get; init; }

    /// <summary>The wire protocol it speaks: <c>openai</c> (default), <c>anthropic</c> or <c>ollama</c>.</summary>
    public string ApiKind { get; init; } = "openai";
}
