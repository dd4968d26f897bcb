using System.Text.Json;
using System.Text.Json.Serialization;
using Cuboid.Media.Probe;

namespace Cuboid.Cli.Commands;

/// <summary>How the media commands print <c>--json</c>: indented, nulls kept so the shape is stable.</summary>
internal static class MediaJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary><c>truncated</c> in every media command's JSON: null for a whole file, else how much of it decodes.</summary>
    public static object? Truncated(Truncation? truncation) => truncation is null ? null : new
    {
        decodableSeconds = Math.Round(truncation.DecodableLength.TotalSeconds, 6),
        expectedSeconds = Math.Round(truncation.ExpectedLength.TotalSeconds, 6),
    };
}
