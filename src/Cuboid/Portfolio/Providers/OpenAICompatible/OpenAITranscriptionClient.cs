using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace Cuboid.Portfolio.Providers.OpenAICompatible;

/// <summary>
/// Speech-to-text over <c>POST {base}/audio/transcriptions</c>, asking for <c>verbose_json</c> with segment
/// timestamps. Written here rather than taken from <c>AsISpeechToTextClient</c> so the segments always come back:
/// <c>GetTextAsync</c> gives the whole transcript (<c>EndTime</c> the audio's duration) and <c>GetStreamingTextAsync</c>
/// one update per timestamped segment (<see cref="TimedTranscript"/>). Models that refuse
/// <c>verbose_json</c> (<c>gpt-4o-transcribe</c>) are asked again for plain <c>json</c> (one segment, no timestamps).
/// Options: <see cref="SpeechToTextOptions.SpeechLanguage"/> is the spoken language (ISO-639-1), and
/// <c>AdditionalProperties["filename"]</c> names the upload (default: the file stream's name, or <c>audio.wav</c>).
/// </summary>
internal sealed class OpenAITranscriptionClient : ISpeechToTextClient
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

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        (await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false)).Whole;

    public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        TimedTranscript.StreamAsync(() => TranscribeAsync(audioSpeechStream, options, cancellationToken), cancellationToken);

    private async Task<TimedTranscript> TranscribeAsync(Stream audioSpeechStream, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        var fileName = AudioUpload.FileName(audioSpeechStream, options);
        // Held in memory so the json fallback can send it again (the SDK disposes its stream).
        var audio = await AudioUpload.ReadAsync(audioSpeechStream, cancellationToken).ConfigureAwait(false);

        try
        {
            try
            {
                return ToTranscript(await TranscribeAudioAsync(audio, fileName, options, AudioTranscriptionFormat.Verbose, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ProviderFailures.Map(ex, _endpoint, cancellationToken) is { Kind: ProviderFailureKind.BadRequest } failure
                && failure.Message.Contains("response_format", StringComparison.OrdinalIgnoreCase))
            {
                return ToTranscript(await TranscribeAudioAsync(audio, fileName, options, AudioTranscriptionFormat.Simple, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, _endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null
        : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
        : serviceType == typeof(ProviderEndpoint) ? _endpoint
        : serviceType == typeof(AudioClient) ? _audio
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task<AudioTranscription> TranscribeAudioAsync(byte[] audio, string fileName, SpeechToTextOptions? options, AudioTranscriptionFormat format, CancellationToken cancellationToken)
    {
        var request = new AudioTranscriptionOptions
        {
            ResponseFormat = format,
            Language = options?.SpeechLanguage,
        };
        if (format == AudioTranscriptionFormat.Verbose)
            request.TimestampGranularities = AudioTimestampGranularities.Segment;
        using var upload = new MemoryStream(audio, writable: false);
        var result = await _audio.TranscribeAudioAsync(upload, fileName, request, cancellationToken).ConfigureAwait(false);
        return result.Value;
    }

    private TimedTranscript ToTranscript(AudioTranscription transcription)
    {
        var segments = transcription.Segments
            .Select(s => TimedTranscript.Segment(s.Text.Trim(), s.StartTime, s.EndTime, _metadata.DefaultModelId))
            .ToArray();
        var properties = new AdditionalPropertiesDictionary();
        if (!string.IsNullOrEmpty(transcription.Language))
            properties["language"] = transcription.Language;
        var whole = new SpeechToTextResponse([new TextContent(transcription.Text ?? "")])
        {
            ModelId = _metadata.DefaultModelId,
            StartTime = TimeSpan.Zero,
            EndTime = transcription.Duration ?? (segments.Length > 0 ? segments[^1].EndTime : null),
            RawRepresentation = transcription,
            AdditionalProperties = properties,
        };
        return new TimedTranscript(whole, segments);
    }
}
