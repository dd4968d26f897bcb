using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// A finished transcription in Microsoft.Extensions.AI's own terms, as the adapters give it: <see cref="Whole"/> for
/// <c>GetTextAsync</c> (all the text, <c>StartTime</c>..<c>EndTime</c> the audio heard, usage), and for
/// <c>GetStreamingTextAsync</c> one <see cref="SpeechToTextResponseUpdateKind.TextUpdated"/> update per timestamped
/// segment, then a <see cref="SpeechToTextResponseUpdateKind.SessionClose"/> update spanning the whole audio and
/// carrying the usage, so the updates recombine (<c>ToSpeechToTextResponse</c>) into the whole.
/// </summary>
internal sealed record TimedTranscript(SpeechToTextResponse Whole, IReadOnlyList<SpeechToTextResponseUpdate> Segments)
{
    /// <summary>One timestamped segment, times from the start of the audio sent.</summary>
    public static SpeechToTextResponseUpdate Segment(string text, TimeSpan start, TimeSpan end, string? modelId) => new(text)
    {
        Kind = SpeechToTextResponseUpdateKind.TextUpdated,
        StartTime = start,
        EndTime = end,
        ModelId = modelId,
    };

    /// <summary>
    /// The segments (spaced so their texts run together as one transcript, as streamed text does), or the whole as one
    /// update when the provider gave none, then the closing update.
    /// </summary>
    public IEnumerable<SpeechToTextResponseUpdate> Updates()
    {
        IEnumerable<SpeechToTextResponseUpdate> text = Segments.Count > 0 ? Segments.Select((s, i) => i == 0 || s.Text.StartsWith(' ') ? s : Spaced(s))
            : Whole.Text.Length > 0 ? [Segment(Whole.Text, Whole.StartTime ?? TimeSpan.Zero, Whole.EndTime ?? TimeSpan.Zero, Whole.ModelId)]
            : [];
        return text.Append(new SpeechToTextResponseUpdate
        {
            Kind = SpeechToTextResponseUpdateKind.SessionClose,
            StartTime = Whole.StartTime,
            EndTime = Whole.EndTime,
            ModelId = Whole.ModelId,
            ResponseId = Whole.ResponseId,
            RawRepresentation = Whole.RawRepresentation,
            Contents = Whole.Usage is { } usage ? [new UsageContent(usage)] : [],
        });
    }

    private static SpeechToTextResponseUpdate Spaced(SpeechToTextResponseUpdate segment) =>
        Segment(" " + segment.Text, segment.StartTime ?? TimeSpan.Zero, segment.EndTime ?? TimeSpan.Zero, segment.ModelId);

    /// <summary>Transcribes when the caller starts reading (as a stream would), then yields <see cref="Updates"/>.</summary>
    public static async IAsyncEnumerable<SpeechToTextResponseUpdate> StreamAsync(Func<Task<TimedTranscript>> transcribe,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var transcript = await transcribe().ConfigureAwait(false);
        foreach (var update in transcript.Updates())
        {
            yield return update;
        }
    }

    /// <summary>Recombines streamed updates into one response, with the usage their <see cref="UsageContent"/> carried.</summary>
    public static SpeechToTextResponse Combine(IReadOnlyList<SpeechToTextResponseUpdate> updates)
    {
        var whole = updates.ToSpeechToTextResponse();
        var usage = whole.Contents.OfType<UsageContent>().ToList();
        if (usage.Count > 0)
        {
            whole.Usage = new UsageDetails();
            usage.ForEach(u => whole.Usage.Add(u.Details));
            whole.Contents = [.. whole.Contents.Where(c => c is not UsageContent)];
        }

        return whole;
    }
}
