using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace Cuboid.Portfolio.Providers.OpenAICompatible;

/// <summary>
/// Speech-to-text over <c>POST {base}/audio/transcriptions</c>, asking for <c>verbose_json</c> with segment
/// timestamps. Written here rather than taken from <c>AsISpeechToTextClient</c> so the segments always come back:
/// the response's <see cref="SpeechToTextResponse.Text"/> is the whole transcript and
/// <see cref="TranscriptSegments.GetSegments"/> returns the timestamped segments. Models that refuse
/// <c>verbose_json</c> (<c>gpt-4o-transcribe</c>) are asked again for plain <c>json</c> (one segment, no timestamps).
/// Options: <see cref="SpeechToTextOptions.SpeechLanguage"/> is the spoken language (ISO-639-1), and
/// <c>AdditionalProperties["filename"]</c> names the upload (default: the file stream's name, or <c>audio.wav</c>).
/// </summary>
public sealed class OpenAITranscriptionClient : ISpeechToTextClient
{
    private readonly AudioClient _audio;
    private readonly ProviderEndpoint _endpoint;
    private readonly SpeechToTextClientMetadata _metadata;

    public OpenAITranscriptionClient(AudioClient audio, ProviderEndpoint endpoint, string modelId)
    {
        _audio = audio;
        _endpoint = endpoint;
        _metadata = new SpeechToTextClientMetadata(endpoint.Id, endpoint.BaseUri, modelId);
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fileName = AudioUpload.FileName(audioSpeechStream, options);
        // Held in memory so the json fallback can send it again (the SDK disposes its stream).
        var audio = await AudioUpload.ReadAsync(audioSpeechStream, cancellationToken);

        try
        {
            try
            {
                return ToResponse(await TranscribeAsync(audio, fileName, options, AudioTranscriptionFormat.Verbose, cancellationToken));
            }
            catch (Exception ex) when (ProviderFailures.Map(ex, _endpoint, cancellationToken) is { Kind: ProviderFailureKind.BadRequest } failure
                && failure.Message.Contains("response_format", StringComparison.OrdinalIgnoreCase))
            {
                return ToResponse(await TranscribeAsync(audio, fileName, options, AudioTranscriptionFormat.Simple, cancellationToken));
            }
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, _endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        FinishedTranscript.AsUpdatesAsync(() => GetTextAsync(audioSpeechStream, options, cancellationToken), cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null
        : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
        : serviceType == typeof(ProviderEndpoint) ? _endpoint
        : serviceType == typeof(AudioClient) ? _audio
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task<AudioTranscription> TranscribeAsync(byte[] audio, string fileName, SpeechToTextOptions? options, AudioTranscriptionFormat format, CancellationToken cancellationToken)
    {
        var request = new AudioTranscriptionOptions
        {
            ResponseFormat = format,
            Language = options?.SpeechLanguage,
        };
        if (format == AudioTranscriptionFormat.Verbose)
            request.TimestampGranularities = AudioTimestampGranularities.Segment;
        using var upload = new MemoryStream(audio, writable: false);
        var result = await _audio.TranscribeAudioAsync(upload, fileName, request, cancellationToken);
        return result.Value;
    }

    private SpeechToTextResponse ToResponse(AudioTranscription transcription)
    {
        var segments = transcription.Segments
            .Select(s => new TranscriptSegment(s.Id, s.StartTime, s.EndTime, s.Text.Trim()))
            .ToArray();
        var end = transcription.Duration ?? (segments.Length > 0 ? segments[^1].End : null);
        var properties = new AdditionalPropertiesDictionary();
        if (segments.Length > 0)
            properties[TranscriptSegments.Key] = (IReadOnlyList<TranscriptSegment>)segments;
        if (transcription.Duration is { } duration)
            properties[TranscriptSegments.DurationKey] = duration;
        if (!string.IsNullOrEmpty(transcription.Language))
            properties["language"] = transcription.Language;
        return new SpeechToTextResponse([new TextContent(transcription.Text ?? "")])
        {
            ModelId = _metadata.DefaultModelId,
            StartTime = TimeSpan.Zero,
            EndTime = end,
            RawRepresentation = transcription,
            AdditionalProperties = properties,
        };
    }
}
