using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

#pragma warning disable CA2000 // The HTTP client sends through the process-wide transport (disposeHandler: false) and holds nothing to release; the SDK client keeps it for its life.

namespace Cuboid.Portfolio.Providers.OpenAICompatible;

/// <summary>
/// The <c>openai</c> wire protocol: OpenAI itself and everything that copies it (OpenRouter, Groq, Together,
/// Gemini's OpenAI-compatible endpoint, vLLM, LM Studio, llama.cpp server, Ollama's <c>/v1</c>). The base URL
/// includes the version segment, e.g. <c>https://api.openai.com/v1</c>. Chat goes through the OpenAI SDK
/// (<c>AsIChatClient</c>) with its retries off; transcription through <see cref="OpenAITranscriptionClient"/>.
/// </summary>
internal sealed class OpenAICompatibleAdapter(ProviderAdapterOptions? options = null) : IProviderAdapter
{
    private readonly ProviderAdapterOptions _options = options ?? new ProviderAdapterOptions();

    public string ApiKind => "openai";

    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId) =>
        new ProviderChatClient(CreateClient(endpoint).GetChatClient(modelId).AsIChatClient(), endpoint);

    public ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId) =>
        new OpenAITranscriptionClient(CreateClient(endpoint).GetAudioClient(modelId), endpoint, modelId);

    /// <summary>The endpoint's <c>/chat/completions</c> for relaying OpenAI request bodies as they are, over the same HTTP stack as <see cref="CreateChatClient"/>.</summary>
    internal Relay.WireEndpoint CreateWireEndpoint(ProviderEndpoint endpoint) =>
        new(endpoint, ProviderHttpClients.Create(endpoint, OpenAIWireProtocol.Instance, _options));

    private OpenAIClient CreateClient(ProviderEndpoint endpoint)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUri.AbsoluteUri.TrimEnd('/')),
            // The router retries and falls over; the SDK must not retry behind its back.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(ProviderHttpClients.Create(endpoint, OpenAIWireProtocol.Instance, _options)),
            NetworkTimeout = _options.NetworkTimeout,
            // The router logs what matters; the SDK's request logging (a NullLogger here) is one more async layer per call.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
        };
        // Local servers take no key, but the SDK insists on a credential; they ignore the header.
        return new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "no-key"), clientOptions);
    }
}
