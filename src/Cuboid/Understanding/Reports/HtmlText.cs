namespace Cuboid.Understanding.Reports;

/// <summary>
/// Escapes text for HTML content and quoted attributes: only the five characters that matter, so "×", "·" and "–"
/// stay readable in the file (WebUtility.HtmlEncode writes them as numeric entities).
/// </summary>
internal static class HtmlText
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
    }
}
