using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>Streaming transcription for clients that only transcribe whole: the finished transcript, as updates.</summary>
internal static class FinishedTranscript
{
    /// <summary>Transcribes when the caller starts reading (as a stream would), then yields the whole transcript.</summary>
    public static async IAsyncEnumerable<SpeechToTextResponseUpdate> AsUpdatesAsync(Func<Task<SpeechToTextResponse>> transcribe,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var response = await transcribe();
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }
}
