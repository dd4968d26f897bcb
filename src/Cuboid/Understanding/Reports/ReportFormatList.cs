namespace Cuboid.Understanding.Reports;

/// <summary>Parses <c>--format json,md,vtt,html</c>.</summary>
public static class ReportFormatList
{
    public static ReportFormats Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
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
                _ => throw CuboidException.Usage($"unknown report format '{item}'; use any of json, md, vtt, html"),
            };
        }

        return formats;
    }
}
