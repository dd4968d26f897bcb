namespace Cuboid.Understanding.Reports;

/// <summary>Which files a run writes beside <c>frames/</c>.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    Json = 1,
    Markdown = 2,
    Vtt = 4,
    Html = 8,
    All = Json | Markdown | Vtt | Html,
}
