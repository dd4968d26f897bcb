using Cuboid.Storage;

namespace Cuboid.Understanding.Reports;

/// <summary>The report's output folder: staged beside <c>--out</c> and swapped in whole, over nothing but an earlier report.</summary>
internal static class ReportFolder
{
    private static readonly HashSet<string> ReportEntries = new(StringComparer.Ordinal)
    {
        ReportWriter.JsonFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile, ReportWriter.VttFile, ReportWriter.FramesFolder,
    };

    public static StagedFolder Stage(string target) => StagedFolder.Replacing(target, IsEarlierReport);

    /// <summary>
    /// A folder an earlier run wrote: only report files and frames, with at least one report file (not necessarily
    /// report.json: <c>--format md,vtt</c> writes none, and its folder must still be replaceable by the next run).
    /// </summary>
    public static bool IsEarlierReport(string folder) =>
        ReportFormatList.Files(ReportFormats.All).Any(f => File.Exists(Path.Combine(folder, f)))
        && Directory.EnumerateFileSystemEntries(folder).All(e => ReportEntries.Contains(Path.GetFileName(e)));
}
