namespace Cuboid.Understanding.Reports;

/// <summary>Parses <c>--format json,md,vtt,html</c>, and names the files a set of formats writes.</summary>
internal static class ReportFormatList
{
    /// <summary>Null means every format; a list that names none (<c>--format ""</c>) is a usage error.</summary>
    public static ReportFormats Parse(string? list)
    {
        if (list is null)
        {
            return ReportFormats.All;
        }

        var formats = ReportFormats.None;
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats |= item.ToLowerInvariant() switch
            {
                "json" => ReportFormats.Json,
                "md" or "markdown" => ReportFormats.Markdown,
                "vtt" => ReportFormats.Vtt,
                "html" => ReportFormats.Html,
                "all" => ReportFormats.All,
                _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Formats, $"unknown report format '{item}'; use any of json, md, vtt, html"),
            };
        }

        return formats;
    }

    /// <summary>The report files <paramref name="formats"/> writes, the one to open first (the page) first.</summary>
    public static IReadOnlyList<string> Files(ReportFormats formats) =>
    [
        .. new[]
        {
            (ReportFormats.Html, ReportWriter.HtmlFile), (ReportFormats.Markdown, ReportWriter.MarkdownFile),
            (ReportFormats.Json, ReportWriter.JsonFile), (ReportFormats.Vtt, ReportWriter.VttFile),
        }.Where(f => formats.HasFlag(f.Item1)).Select(f => f.Item2),
    ];
}
