using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Generation.LongForm;

/// <summary>The one JSON shape of <c>drift.json</c> and <c>cuboid drift --json</c> (camelCase, indented, versioned by
/// <see cref="DriftReport.SchemaVersion"/>).</summary>
public static class DriftJson
{
    /// <summary>The serializer options of the drift report's JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as <c>drift.json</c> holds it.</summary>
    public static string Serialize(DriftReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>A report read back from <c>drift.json</c>'s text; a <see cref="JsonException"/> when it is empty or malformed.</summary>
    public static DriftReport Deserialize(string json) =>
        JsonSerializer.Deserialize<DriftReport>(json, Options) ?? throw new JsonException("drift.json is empty");
}
