using System.Globalization;
using System.Text.Json;

namespace Cuboid.Generation.Providers;

/// <summary>Tolerant reads of host JSON: a field that is missing or of another type reads as null rather than throwing.</summary>
internal static class JsonRead
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v : null;

    public static double? Num(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;

    public static bool Flag(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>Every string under <paramref name="e"/> that is an absolute http(s) URL, in document order (a string, an array of them, or nested objects).</summary>
    public static IEnumerable<Uri> Urls(this JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when Uri.TryCreate(e.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                yield return uri;
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var u in item.Urls())
                    {
                        yield return u;
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in e.EnumerateObject())
                {
                    foreach (var u in property.Value.Urls())
                    {
                        yield return u;
                    }
                }

                break;
        }
    }

    public static IReadOnlyList<VideoOutput> Outputs(IEnumerable<Uri> urls) => [.. urls.Select((u, i) => new VideoOutput(i, u))];
}
