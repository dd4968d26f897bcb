using System.Runtime.CompilerServices;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// The router as an <see cref="ISpeechToTextClient"/> for the <c>transcribe</c> task. The audio is re-read
/// from the start for every attempt (buffered in memory when the stream cannot seek). Its length, for
/// budget and price, comes from <see cref="AudioSecondsKey"/> in the options, else the WAV header, else the
/// byte count at a pessimistic 4 kB/s. Streaming transcription routes the provider's own stream (its timestamped
/// segments), buffered so a failing attempt can fall over. The response, and every update, carries the catalog id
/// (<c>provider:model</c>) of the model that answered in its <c>ModelId</c>. Each call books to
/// <paramref name="boundRun"/>, else to the run current when it starts.
/// </summary>
internal sealed class PortfolioSpeechToTextClient(ModelRouter router, RouteConstraints constraints, RunScope? boundRun) : ISpeechToTextClient
{
    /// <summary>Options key for the audio's length in seconds, when the caller knows it.</summary>
    public const string AudioSecondsKey = "cuboid.audioSeconds";

    private readonly SpeechToTextClientMetadata _metadata = new("cuboid-portfolio", defaultModelId: ModelTasks.Transcribe);

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (response, model) = await RouteAsync(audioSpeechStream, options, async (client, audio, inner, token) =>
        {
            var response = await client.GetTextAsync(audio, inner, token).ConfigureAwait(false);
            return (response, response);
        }, cancellationToken).ConfigureAwait(false);
        response.ModelId = model;
        return response;
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (updates, model) = await RouteAsync(audioSpeechStream, options, async (client, audio, inner, token) =>
        {
            var updates = new List<SpeechToTextResponseUpdate>();
            await foreach (var update in client.GetStreamingTextAsync(audio, inner, token).ConfigureAwait(false))
            {
                updates.Add(update);
            }

            return (updates, TimedTranscript.Combine(updates));
        }, cancellationToken).ConfigureAwait(false);
        foreach (var update in updates)
        {
            update.ModelId = model;
            yield return update;
        }
    }

    /// <summary>Routes one transcription (<paramref name="attempt"/> per candidate) and books it; returns its value and the answering model.</summary>
    private async Task<(T Value, string ModelId)> RouteAsync<T>(Stream audioSpeechStream, SpeechToTextOptions? options,
        Func<ISpeechToTextClient, Stream, SpeechToTextOptions?, CancellationToken, Task<(T Value, SpeechToTextResponse Whole)>> attempt, CancellationToken cancellationToken)
    {
        var audio = audioSpeechStream;
        MemoryStream? copy = null;
        if (!audio.CanSeek)
        {
            copy = new MemoryStream();
            await audio.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            audio = copy;
        }

        try
        {
            var origin = audio.Position;
            var seconds = AudioSeconds(audio, options);
            audio.Position = origin;
            var estimate = RequestEstimate.ForAudio(seconds);
            var routeConstraints = constraints.PinnedBy(options?.ModelId);
            var inner = options;
            if (options?.ModelId is not null)
            {
                inner = options.Clone();
                inner.ModelId = null;
            }

            var run = router.RunOf(boundRun);
            var plan = router.PlanForCall(ModelTasks.Transcribe, routeConstraints, estimate, run);
            var call = await router.Calls.RunAsync(plan, run, async (candidate, token) =>
            {
                var client = router.Providers.SpeechToTextClient(candidate.Model)
                    ?? throw new NotSupportedException($"{candidate.Provider} has no speech-to-text endpoint");
                audio.Position = origin;
                return await attempt(client, audio, inner, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            var response = call.Value.Whole;
            var heard = response.EndTime is { } end && end > TimeSpan.Zero ? end.TotalSeconds : seconds;
            var usage = response.Usage;
            router.Calls.Complete(ModelTasks.Transcribe, call,
                new CallUsage(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? RequestEstimate.TokensForText(response.Text.Length), usage?.OutputTokenCount is null, 0, heard),
                CallOutcome.Succeeded);
            return (call.Value.Value, call.Candidate.ModelId);
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType.IsInstanceOfType(router) ? router
        : boundRun is not null && serviceType.IsInstanceOfType(boundRun) ? boundRun
        : null;

    public void Dispose()
    {
        // The router owns the provider clients.
    }

    private static double AudioSeconds(Stream audio, SpeechToTextOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(AudioSecondsKey, out var value) == true)
        {
            return Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return WavDuration.TryRead(audio) ?? (audio.Length - audio.Position) / 4000d;
    }
}
