using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Portfolio;

/// <summary>The one JSON dialect of the catalog and the config file (camelCase, comments allowed, nulls omitted), and its <c>--json</c> variant.</summary>
internal static class PortfolioJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The dialect of <c>--json</c> output (<c>models</c>, <c>models route</c>, <c>ask</c>): like <see cref="Options"/>, but
    /// absent values are written as null, so every object of a kind has the same keys and scripts need no existence checks.
    /// </summary>
    public static JsonSerializerOptions Output { get; } = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Writes beside the target then moves it into place, so a failed write leaves the old file intact.</summary>
    public static void WriteAtomically<T>(string path, T value)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(value, Options));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
