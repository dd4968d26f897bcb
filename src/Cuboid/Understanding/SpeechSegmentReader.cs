using Cuboid.Portfolio.Providers;
using TranscriptSegment = Cuboid.Understanding.Reports.TranscriptSegment;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Reads timestamped segments out of a speech-to-text response, relative to the audio sent: the
/// segments the provider adapters attach (<see cref="TranscriptSegments.Key"/>), or, when a provider gave
/// none, the whole text as one segment spanning the response (or the piece).
/// </summary>
public static class SpeechSegmentReader
{
    public static IReadOnlyList<TranscriptSegment> Read(SpeechToTextResponse response, double pieceSeconds)
    {
        if (response.AdditionalProperties?.TryGetValue(TranscriptSegments.Key, out var value) == true && value is IReadOnlyList<Portfolio.Providers.TranscriptSegment> segments)
        {
            return [.. segments.Select(s => new TranscriptSegment(s.Start.TotalSeconds, s.End.TotalSeconds, s.Text))];
        }

        var text = response.Text.Trim();
        var end = response.EndTime is { } e && e > TimeSpan.Zero ? e.TotalSeconds : pieceSeconds;
        return text.Length == 0 ? [] : [new TranscriptSegment(response.StartTime?.TotalSeconds ?? 0, end, text)];
    }
}
