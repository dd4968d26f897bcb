using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Reads a chat model's transcript, <c>{"segments":[{"start","end","text"}]}</c> (a code fence around it tolerated;
/// times in seconds, or <c>mm:ss</c> strings), into ordered segments clamped to the audio's length: one
/// <see cref="SpeechToTextResponseUpdateKind.TextUpdated"/> update each (<see cref="TimedTranscript.Segment"/>).
/// </summary>
internal static class ChatTranscript
{
    /// <summary>The segments, or null with <paramref name="problem"/> saying what is wrong with the answer.</summary>
    public static IReadOnlyList<SpeechToTextResponseUpdate>? TryRead(string answer, double? audioSeconds, out string problem, string? modelId = null)
    {
        problem = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ModelJson.StripFence(answer));
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("segments", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                problem = "no \"segments\" array";
                return null;
            }

            var limit = audioSeconds ?? double.MaxValue;
            var segments = new List<(double Start, double End, string Text)>();
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : null;
                if (Seconds(item, "start") is not { } start || text is null)
                {
                    problem = "a segment without a \"start\" time or \"text\"";
                    return null;
                }

                if (text.Length > 0 && start < limit)
                {
                    start = Math.Max(0, start);
                    segments.Add((start, Math.Clamp(Seconds(item, "end") ?? start, start, limit), text));
                }
            }

            return [.. segments.OrderBy(s => s.Start).Select(s => TimedTranscript.Segment(s.Text, TimeSpan.FromSeconds(s.Start), TimeSpan.FromSeconds(s.End), modelId))];
        }
    }

    private static double? Seconds(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        // "75.5", "1:15.5" or "0:01:15.5".
        double seconds = 0;
        foreach (var part in (value.ValueKind == JsonValueKind.String ? value.GetString()! : "").Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            seconds = (seconds * 60) + number;
        }

        return seconds;
    }
}
