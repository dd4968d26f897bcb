namespace Cuboid.Testing.Simulators;

/// <summary>The wire protocol a request arrived on.</summary>
public enum SimulatedProtocol
{
    /// <summary><c>POST /v1/chat/completions</c> (also <c>/chat/completions</c>, Ollama's <c>/v1</c>).</summary>
    OpenAIChat,

    /// <summary><c>POST /v1/audio/transcriptions</c>, multipart.</summary>
    OpenAITranscription,

    /// <summary><c>POST /v1/messages</c>.</summary>
    AnthropicMessages,

    /// <summary><c>POST /api/chat</c>, NDJSON when streaming.</summary>
    OllamaChat,
}
