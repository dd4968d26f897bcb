using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding.Reports;

public class ReportWriterTests
{
    [Fact]
    public void Chapters_vtt_is_valid_webvtt_with_one_cue_per_chapter()
    {
        var report = ReportSamples.Full();

        var cues = WebVttParser.Parse(ChapterVttWriter.Write(report.Chapters));

        Assert.Equal(2, cues.Count);
        Assert.Equal(0, cues[0].Start, 3);
        Assert.Equal(3600.04, cues[0].End, 3);
        Assert.Equal("Intro -> main &lt;part>", cues[0].Text);
        Assert.Equal("Outro", cues[1].Text);
        Assert.StartsWith("WEBVTT\n\n", ChapterVttWriter.Write(report.Chapters), StringComparison.Ordinal);
        Assert.Contains("01:00:00.040 --> 01:02:05.500", ChapterVttWriter.Write(report.Chapters), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_chapter_list_is_still_a_valid_webvtt_file()
    {
        Assert.Empty(WebVttParser.Parse(ChapterVttWriter.Write([])));
    }

    [Fact]
    public void The_vtt_parser_rejects_broken_files()
    {
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVT\n\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n1\n00:01.000 -> 00:02.000\nx\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n00:03.000 --> 00:02.000\nx\n"));
    }

    [Fact]
    public void Report_json_round_trips_with_its_schema_version()
    {
        var report = ReportSamples.Full();

        var json = ReportJson.Serialize(report);
        var back = ReportJson.Deserialize(json);

        Assert.Contains("\"schemaVersion\": 1", json, StringComparison.Ordinal);
        Assert.Equal(report.Samples, back.Samples);
        Assert.Equal(report.Chapters, back.Chapters);
        Assert.Equal(report.Usage.Stages, back.Usage.Stages);
        Assert.Equal(report.Usage.Total.Dollars, back.Usage.Stages.Sum(s => s.Dollars));
        Assert.Equal(report.NativeVideoComparison, back.NativeVideoComparison);
    }

    [Fact]
    public void Html_is_self_contained_escaped_and_links_frames_relatively()
    {
        var html = ReportHtmlWriter.Write(ReportSamples.Full(), "../talk%20demo.mp4");

        Assert.Contains("<video id=\"video\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"frames/000005.000.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("talk &lt;demo&gt;.mp4", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<demo>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("data-t=\"3600.04\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_holds_summary_chapters_timeline_transcript_and_costs()
    {
        var md = ReportMarkdownWriter.Write(ReportSamples.Full());

        Assert.Contains("## Summary", md, StringComparison.Ordinal);
        Assert.Contains("1:00:00–1:02:05 Outro", md, StringComparison.Ordinal);
        Assert.Contains("A speaker \\| at a desk", md, StringComparison.Ordinal);
        Assert.Contains("[1:00:01] Thanks for watching.", md, StringComparison.Ordinal);
        Assert.Contains("| total | 4 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staged_directory_appears_only_on_commit_and_replaces_the_old_report()
    {
        var root = Directory.CreateTempSubdirectory("cuboid-stage-").FullName;
        var target = Path.Combine(root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "report.json"), "{\"old\":true}");
        File.WriteAllText(Path.Combine(target, "report.md"), "old");

        using (var abandoned = ReportFolder.Stage(target))
        {
            File.WriteAllText(Path.Combine(abandoned.Staging, "report.json"), "{}");
        }

        Assert.True(File.Exists(Path.Combine(target, "report.md")));
        Assert.Single(Directory.GetFileSystemEntries(root));

        using (var staged = ReportFolder.Stage(target))
        {
            File.WriteAllText(Path.Combine(staged.Staging, "report.json"), "{}");
            staged.Commit();
        }

        Assert.False(File.Exists(Path.Combine(target, "report.md")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(target, "report.json")));
        Assert.Single(Directory.GetFileSystemEntries(root));
        Directory.Delete(root, true);
    }
}
