using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Speech-to-text through a chat model that hears audio: Gemini, through its OpenAI-compatible endpoint, which takes
/// the WAV as an <c>input_audio</c> part. The audio goes as a <see cref="DataContent"/> with a prompt asking for
/// timestamped segments as JSON in <see cref="Format"/>; <see cref="ChatTranscript"/> reads the answer into
/// segments (<see cref="TimedTranscript"/>), so the transcript looks like <see cref="OpenAICompatible.OpenAITranscriptionClient"/>'s
/// (text and duration whole, segments streamed) and carries the chat usage (audio is billed as tokens). An answer that is not that
/// JSON is a <see cref="ProviderFailureKind.BadResponse"/>: retried, then the router falls over. A model that takes no
/// JSON schema (<paramref name="structuredOutput"/> false) is asked for JSON mode, the prompt giving the shape.
/// </summary>
internal sealed class ChatTranscriptionClient(IChatClient chat, ProviderEndpoint endpoint, string modelId, bool structuredOutput = true) : ISpeechToTextClient
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "segments": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "start": { "type": "number", "description": "seconds from the start of the audio" },
                  "end": { "type": "number", "description": "seconds from the start of the audio" },
                  "text": { "type": "string" }
                },
                "required": ["start", "end", "text"]
              }
            }
          },
          "required": ["segments"]
        }
        """;

    private const string Instructions = """
        You transcribe speech. Write down every word spoken in the audio, verbatim, in the language spoken.
        Split it into segments of one sentence or phrase each, at most about 15 seconds long, with start and end
        times in seconds from the start of the audio. Answer with ONE JSON object and nothing else:
        {"segments": [{"start": 0.0, "end": 3.2, "text": "..."}]}
        If nothing is said, answer {"segments": []}. Do not describe music or noises.
        """;

    /// <summary>The response format asked of the model: <c>{"segments":[{"start","end","text"}]}</c>.</summary>
    public static ChatResponseFormatJson Format { get; } =
        ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement.Clone(), "transcript", "Timestamped transcript segments.");

    private readonly SpeechToTextClientMetadata _metadata = new(endpoint.Id, endpoint.BaseUri, modelId);

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        (await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false)).Whole;

    public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        TimedTranscript.StreamAsync(() => TranscribeAsync(audioSpeechStream, options, cancellationToken), cancellationToken);

    private async Task<TimedTranscript> TranscribeAsync(Stream audioSpeechStream, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        var mediaType = AudioUpload.FileName(audioSpeechStream, options).EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? "audio/mpeg" : "audio/wav";
        var audio = await AudioUpload.ReadAsync(audioSpeechStream, cancellationToken).ConfigureAwait(false);
        double? seconds;
        using (var header = new MemoryStream(audio, writable: false))
        {
            seconds = WavDuration.TryRead(header);
        }

        var ask = "Transcribe this audio" + (seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $" ({s:0.#} s long)") : "")
            + (string.IsNullOrWhiteSpace(options?.SpeechLanguage) ? "." : $"; the speech is in '{options.SpeechLanguage}'.");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, [new TextContent(ask), new DataContent(audio, mediaType)]),
        ];
        var answer = await chat.GetResponseAsync(messages, new ChatOptions { ResponseFormat = structuredOutput ? Format : ChatResponseFormat.Json, Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        var segments = ChatTranscript.TryRead(answer.Text, seconds, out var problem, modelId)
            ?? throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id}:{modelId} did not answer with the transcript JSON asked for ({problem})");

        var whole = new SpeechToTextResponse([new TextContent(string.Join(" ", segments.Select(x => x.Text)))])
        {
            ModelId = modelId,
            StartTime = TimeSpan.Zero,
            EndTime = seconds is { } end ? TimeSpan.FromSeconds(end) : segments.Count > 0 ? segments[^1].EndTime : null,
            RawRepresentation = answer,
            Usage = answer.Usage,
        };
        return new TimedTranscript(whole, segments);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null
        : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
        : serviceType == typeof(ProviderEndpoint) ? endpoint
        : serviceType.IsInstanceOfType(this) ? this
        : chat.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The chat client belongs to the provider directory.
    }
}
