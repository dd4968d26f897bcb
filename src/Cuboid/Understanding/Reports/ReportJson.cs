using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>The one JSON shape of <c>report.json</c> (camelCase, indented) and of <c>analyze --json</c>.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(AnalysisReport report) => JsonSerializer.Serialize(report, Options);

    public static AnalysisReport Deserialize(string json) =>
        JsonSerializer.Deserialize<AnalysisReport>(json, Options) ?? throw new JsonException("report.json is empty");
}
