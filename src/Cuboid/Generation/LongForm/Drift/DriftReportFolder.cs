using Cuboid.Storage;

namespace Cuboid.Generation.LongForm;

/// <summary>Writes <c>drift.json</c> and <c>drift.html</c> into an output folder atomically: a failed run leaves no
/// half-written report, and only an empty folder or an earlier drift report is replaced.</summary>
public static class DriftReportFolder
{
    /// <summary>The report's JSON file name in the output folder.</summary>
    public const string JsonName = "drift.json";
    /// <summary>The report's HTML page's file name in the output folder.</summary>
    public const string HtmlName = "drift.html";

    /// <summary>Writes the report; returns the final paths of the two files.</summary>
    public static IReadOnlyDictionary<string, string> Write(DriftMeasurement measurement, string folder)
    {
        using var staged = StagedFolder.Replacing(folder, IsEarlierReport);
        File.WriteAllText(Path.Combine(staged.Staging, JsonName), DriftJson.Serialize(measurement.Report));
        File.WriteAllText(Path.Combine(staged.Staging, HtmlName), DriftHtmlWriter.Render(measurement));
        return staged.Commit();
    }

    private static bool IsEarlierReport(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).All(entry => Path.GetFileName(entry) is JsonName or HtmlName);
}
