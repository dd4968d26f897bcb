using System.Collections;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Reads timestamped segments out of a speech-to-text response, relative to the audio sent. Portfolio
/// clients put them in <c>AdditionalProperties["segments"]</c> as <see cref="SpeechToTextResponseUpdate"/>s
/// with start and end times; an OpenAI SDK transcription in <see cref="SpeechToTextResponse.RawRepresentation"/>
/// (its <c>Segments</c>) works too. Without either, the whole text is one segment spanning the response.
/// </summary>
public static class SpeechSegmentReader
{
    public const string SegmentsKey = "segments";

    public static IReadOnlyList<TranscriptSegment> Read(SpeechToTextResponse response, double pieceSeconds)
    {
        if (response.AdditionalProperties?.TryGetValue(SegmentsKey, out var value) == true && value is IEnumerable<SpeechToTextResponseUpdate> updates)
        {
            return [.. updates.Where(u => u.StartTime is not null).Select(u => new TranscriptSegment(u.StartTime!.Value.TotalSeconds, (u.EndTime ?? u.StartTime!.Value).TotalSeconds, u.Text))];
        }

        if (FromRaw(response.RawRepresentation) is { Count: > 0 } raw)
        {
            return raw;
        }

        var text = response.Text.Trim();
        return text.Length == 0
            ? []
            : [new TranscriptSegment(response.StartTime?.TotalSeconds ?? 0, response.EndTime?.TotalSeconds ?? pieceSeconds, text)];
    }

    // The OpenAI SDK's AudioTranscription has Segments of { Start, End: TimeSpan; Text: string }; read by
    // shape so the library does not depend on that SDK.
    private static List<TranscriptSegment>? FromRaw(object? raw)
    {
        if (raw?.GetType().GetProperty("Segments")?.GetValue(raw) is not IEnumerable segments)
        {
            return null;
        }

        var list = new List<TranscriptSegment>();
        foreach (var segment in segments)
        {
            var type = segment.GetType();
            if (type.GetProperty("Start")?.GetValue(segment) is TimeSpan start && type.GetProperty("End")?.GetValue(segment) is TimeSpan end
                && type.GetProperty("Text")?.GetValue(segment) is string text)
            {
                list.Add(new TranscriptSegment(start.TotalSeconds, end.TotalSeconds, text));
            }
        }

        return list;
    }
}
