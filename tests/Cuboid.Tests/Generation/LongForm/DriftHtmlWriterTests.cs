using System.Text.RegularExpressions;
using Cuboid.Generation.LongForm;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>drift.html's structure on a real measurement: every section, one SVG per curve, the join pictures, the gates
/// drawn on the curves and tabled with their cost, and nothing fetched from outside the page.</summary>
public partial class DriftHtmlWriterTests
{
    // Nine per-segment metrics, flash score and ΔE per join, and the multi-lag curve.
    private const int ChartsWithJoins = 12;

    [Fact]
    public async Task A_drifting_video_gets_the_verdict_every_section_and_one_chart_per_curve()
    {
        var measurement = await DriftAnalyzer.MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.ColourRamp), new DriftOptions { SegmentLength = TimeSpan.FromSeconds(2) });

        var html = DriftHtmlWriter.Render(measurement);

        Assert.Contains("<li class=\"verdict v-drift\">1 defect found</li>", html, StringComparison.Ordinal);
        foreach (var section in new[] { "verdict", "curves", "joins", "anchor", "segments" })
        {
            Assert.Contains($"<section id=\"{section}\">", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<section id=\"gates\">", html, StringComparison.Ordinal);
        Assert.Equal(ChartsWithJoins, Count(html, "<svg class=\"chart\""));
        Assert.Equal(1 + (2 * measurement.Report.Joins.Count), Count(html, "<img "));
        Assert.Equal(measurement.Report.Segments.Count, Regex.Matches(html, "<tr><td>\\d+</td><td>").Count);
        Assert.Contains("class=\"limit\"", html, StringComparison.Ordinal); // the colour-drift threshold over segment 1
        Assert.Contains("<span class=\"kind\">colour-drift</span>", html, StringComparison.Ordinal);
        AssertSelfContained(html);
    }

    [Fact]
    public async Task A_generated_video_shows_its_gates_on_the_curves_and_what_they_cost()
    {
        var measurement = await DriftAnalyzer.MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.Clean), new DriftOptions { SegmentLength = TimeSpan.FromSeconds(2) });
        GateEvent[] gates = [new(1, 1, "deltaE", 9.5, 8, "re-rendered", 0.25m), new(1, 2, "deltaE", 8.4, 8, "re-anchored", 0.25m)];

        var html = DriftHtmlWriter.Render(measurement, gates, DriftGates.Default);

        Assert.Contains("<li class=\"verdict v-clean\">No drift found</li>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"gates\">", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"l\">re-anchored</td><td>$0.25</td>", html, StringComparison.Ordinal);
        Assert.Contains("2 gates tripped</td><td>$0.5</td>", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<line class=\"gate\"")); // ΔE to the anchor and ΔE across joins
        Assert.Contains(">gate 8</text>", html, StringComparison.Ordinal);
        Assert.Contains(">gate 10</text>", html, StringComparison.Ordinal);
        AssertSelfContained(html);
    }

    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(SourceNotData(), html);
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex("src=\"(?!data:)")]
    private static partial Regex SourceNotData();
}
