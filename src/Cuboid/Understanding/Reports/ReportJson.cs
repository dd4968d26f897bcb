using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>The one JSON shape of <c>report.json</c> (camelCase, indented) and of <c>analyze --json</c>.</summary>
public static class ReportJson
{
    /// <summary>The serializer options of report.json: camelCase, indented, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The report as report.json text.</summary>
    public static string Serialize(AnalysisReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads report.json text back into a report.</summary>
    public static AnalysisReport Deserialize(string json) =>
        JsonSerializer.Deserialize<AnalysisReport>(json, Options) ?? throw new JsonException("report.json is empty");
}
