using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Cli.Commands;

/// <summary>How the media commands print <c>--json</c>: indented, nulls kept so the shape is stable.</summary>
internal static class MediaJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
