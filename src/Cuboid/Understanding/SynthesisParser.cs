using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Reads the reasoner's JSON answer: <c>{"summary", "chapters":[{"start","end","title","summary"}],
/// "key_moments":[{"time","description"}], "topics":[...]}</c>. Times may be seconds or <c>mm:ss</c> /
/// <c>h:mm:ss</c> strings. A code fence around the JSON is tolerated; anything else wrong is an error
/// message fit to send back to the model in a repair request.
/// </summary>
internal static class SynthesisParser
{
    public static bool TryParse(string? text, double duration, [NotNullWhen(true)] out SynthesisResult? result, out string error, double from = 0)
    {
        result = null;
        error = string.Empty;
        var json = ModelJson.StripFence(text ?? string.Empty);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"the answer is not valid JSON ({ex.Message.Split('.')[0]})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the answer must be one JSON object";
                return false;
            }

            var summary = String(root, "summary");
            if (string.IsNullOrWhiteSpace(summary))
            {
                error = "\"summary\" is missing or empty";
                return false;
            }

            var chapters = new List<Chapter>();
            if (!Array(root, "chapters", out var chapterArray))
            {
                error = "\"chapters\" must be an array";
                return false;
            }

            foreach (var item in chapterArray)
            {
                var start = Time(item, "start");
                var title = String(item, "title");
                if (start is null || string.IsNullOrWhiteSpace(title))
                {
                    error = "every chapter needs a \"start\" time (seconds or mm:ss) and a \"title\"";
                    return false;
                }

                chapters.Add(new Chapter(start.Value, Time(item, "end") ?? start.Value, title, String(item, "summary") ?? string.Empty));
            }

            var moments = new List<KeyMoment>();
            if (Array(root, "key_moments", out var momentArray) || Array(root, "keyMoments", out momentArray))
            {
                foreach (var item in momentArray)
                {
                    var time = Time(item, "time") ?? Time(item, "start");
                    var description = String(item, "description") ?? String(item, "title");
                    if (time is null || string.IsNullOrWhiteSpace(description))
                    {
                        error = "every key moment needs a \"time\" and a \"description\"";
                        return false;
                    }

                    moments.Add(new KeyMoment(Math.Max(from, ChapterNormalizer.Clamp(time.Value, duration)), description.Trim()));
                }
            }

            var topics = new List<string>();
            if (Array(root, "topics", out var topicArray))
            {
                topics.AddRange(topicArray.Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!.Trim()).Where(t => t.Length > 0));
            }

            var normalized = ChapterNormalizer.Normalize(chapters, duration, from);
            if (normalized.Count == 0)
            {
                error = "\"chapters\" must hold at least one chapter inside the video";
                return false;
            }

            result = new SynthesisResult(summary.Trim(), normalized, [.. moments.OrderBy(m => m.Time)], topics);
            return true;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Array(JsonElement element, string name, out JsonElement.ArrayEnumerator items)
    {
        items = default;
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            items = value.EnumerateArray();
            return true;
        }

        return false;
    }

    private static double? Time(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String => Timecode.TryParse(value.GetString()),
            _ => null,
        };
    }
}
