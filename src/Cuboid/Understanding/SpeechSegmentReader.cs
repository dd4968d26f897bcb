using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Reads timestamped segments out of a transcription in Microsoft.Extensions.AI's own terms: each finished
/// (<see cref="SpeechToTextResponseUpdateKind.TextUpdated"/>) update of <see cref="ISpeechToTextClient.GetStreamingTextAsync"/>
/// is one segment over its <c>StartTime</c>..<c>EndTime</c>, relative to the audio sent. A client that streams only
/// partial text, or gives one update for the whole audio, yields one segment spanning what it says it heard (or the piece).
/// </summary>
internal static class SpeechSegmentReader
{
    /// <summary>Transcribes <paramref name="audio"/> and returns its segments and the model that answered (the updates' <c>ModelId</c>).</summary>
    public static async Task<(IReadOnlyList<TranscriptSegment> Segments, string? Model)> ReadAsync(ISpeechToTextClient transcriber, Stream audio, SpeechToTextOptions options, double pieceSeconds, CancellationToken cancellationToken)
    {
        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in transcriber.GetStreamingTextAsync(audio, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return (Read(updates, pieceSeconds), updates.LastOrDefault(u => u.ModelId is not null)?.ModelId);
    }

    public static IReadOnlyList<TranscriptSegment> Read(IReadOnlyList<SpeechToTextResponseUpdate> updates, double pieceSeconds)
    {
        var finished = updates.Where(u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdated && u.Text.Trim().Length > 0).ToList();
        if (finished.Count > 0)
        {
            return [.. finished.Select(u => Segment(u.Text, u.StartTime, u.EndTime, pieceSeconds))];
        }

        var whole = updates.ToSpeechToTextResponse();
        return whole.Text.Trim().Length == 0 ? [] : [Segment(whole.Text, whole.StartTime, whole.EndTime, pieceSeconds)];
    }

    private static TranscriptSegment Segment(string text, TimeSpan? start, TimeSpan? end, double pieceSeconds) =>
        new(start?.TotalSeconds ?? 0, end is { } e && e > TimeSpan.Zero ? e.TotalSeconds : pieceSeconds, text.Trim());
}
