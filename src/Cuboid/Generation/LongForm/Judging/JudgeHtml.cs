using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// The judge's section of <c>drift.html</c>, in the page's own table style: per segment the score against its shot's
/// prompt (low scores marked as the gates' values are), the reason, the prompt and the caption, the models and the cost.
/// </summary>
internal static class JudgeHtml
{
    /// <summary>Scores below this are marked, like a value over a gate.</summary>
    public const double LowScore = 5;

    public static void Append(StringBuilder html, IReadOnlyList<SegmentVerdict> verdicts)
    {
        var scored = verdicts.Where(v => v.Score is not null).ToList();
        html.Append("<section id=\"judge\"><h2>Judge<span class=\"count\">")
            .Append(scored.Count == 0 ? "not scored" : Text($"mean score {scored.Average(v => v.Score!.Value):0.0} of 10"))
            .Append("</span></h2><p class=\"muted\">A frame from the middle of each segment, captioned by the captioner and scored by the reasoning model against the shot's prompt (0-10).</p>");
        html.Append("<div class=\"tablebox\"><table><thead><tr><th>#</th><th>score</th><th class=\"l\">reason</th><th class=\"l\">prompt</th><th class=\"l\">caption</th><th class=\"l\">models</th><th>cost</th></tr></thead><tbody>");
        foreach (var verdict in verdicts)
        {
            var score = verdict.Score is { } s ? Text($"{s:0.#}") : "–";
            var models = string.Join(" · ", new[] { verdict.CaptionModel, verdict.Reasoner }.OfType<string>().Distinct(StringComparer.Ordinal));
            html.Append(Text($"<tr><td>{verdict.Index + 1}</td><td{(verdict.Score < LowScore ? " class=\"over\"" : "")}>{score}</td><td class=\"l\">"))
                .Append(Encode(verdict.Reason ?? "not scored")).Append("</td><td class=\"l\">").Append(Encode(verdict.Prompt))
                .Append("</td><td class=\"l\">").Append(Encode(verdict.Caption)).Append("</td><td class=\"l\">").Append(Encode(models))
                .Append(Text($"</td><td>${verdict.Dollars:0.####}</td></tr>"));
        }

        html.Append(Text($"</tbody><tfoot><tr><td class=\"l\" colspan=\"6\">{verdicts.Count} segment{(verdicts.Count == 1 ? "" : "s")} judged</td><td>${verdicts.Sum(v => v.Dollars):0.####}</td></tr></tfoot></table></div></section>"));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
