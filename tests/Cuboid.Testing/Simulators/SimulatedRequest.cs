namespace Cuboid.Testing.Simulators;

/// <summary>
/// A request as the simulator parsed it, handed to the responder and kept in the log.
/// The system prompt (Anthropic's top-level <c>system</c> too) is a message with role <c>system</c>.
/// </summary>
public sealed record SimulatedRequest
{
    public required SimulatedProtocol Protocol { get; init; }

    public required string Path { get; init; }

    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary>OpenAI: whether <c>stream_options.include_usage</c> was requested.</summary>
    public bool IncludeUsage { get; init; }

    public IReadOnlyList<SimulatedMessage> Messages { get; init; } = [];

    /// <summary>Transcription: the uploaded audio; chat: the first <c>input_audio</c> part.</summary>
    public byte[]? Audio { get; init; }

    public string? AudioFileName { get; init; }

    /// <summary>Transcription: <c>json</c>, <c>verbose_json</c>, <c>text</c>...; OpenAI chat: <c>response_format.type</c> (<c>json_object</c>, <c>json_schema</c>) or null.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>Transcription: the <c>language</c> field.</summary>
    public string? Language { get; init; }

    /// <summary>The key the client presented (Bearer token or <c>x-api-key</c>), or null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Anthropic: the <c>anthropic-version</c> header.</summary>
    public string? AnthropicVersion { get; init; }

    /// <summary>The JSON body as received (null for multipart).</summary>
    public string? RawBody { get; init; }

    /// <summary>All images across the messages, in order.</summary>
    public IReadOnlyList<SimulatedImage> Images => Messages.SelectMany(m => m.Images).ToList();

    /// <summary>The text of the last user message, or empty.</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == "user")?.Text ?? "";
}
