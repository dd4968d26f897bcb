namespace Cuboid.Understanding.Reports;

/// <summary>Which files a run writes beside <c>frames/</c>.</summary>
[Flags]
public enum ReportFormats
{
    /// <summary>No report files (frames only).</summary>
    None = 0,
    /// <summary>report.json</summary>
    Json = 1,
    /// <summary>report.md</summary>
    Markdown = 2,
    /// <summary>chapters.vtt</summary>
    Vtt = 4,
    /// <summary>report.html</summary>
    Html = 8,
    /// <summary>Every format.</summary>
    All = Json | Markdown | Vtt | Html,
}
