using System.Text;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Writes the chapters as a WebVTT chapters track (<c>&lt;track kind="chapters"&gt;</c>): one cue per
/// chapter, titled by the chapter. Cue text cannot hold "-->" or a blank line, so titles are flattened.
/// </summary>
internal static class ChapterVttWriter
{
    public static string Write(IReadOnlyList<Chapter> chapters)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < chapters.Count; i++)
        {
            var chapter = chapters[i];
            vtt.Append("chapter-").Append(i + 1).Append('\n')
               .Append(Timecode.Vtt(chapter.Start)).Append(" --> ").Append(Timecode.Vtt(chapter.End)).Append('\n')
               .Append(CueText(chapter.Title)).Append("\n\n");
        }

        return vtt.ToString();
    }

    private static string CueText(string title)
    {
        var flat = string.Join(' ', title.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Replace("-->", "->", StringComparison.Ordinal).Trim();
        flat = flat.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
        return flat.Length == 0 ? "Untitled" : flat;
    }
}
