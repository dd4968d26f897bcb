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
        Assert.Contains("data-src=\"frames/000005.000.jpg\"", html, StringComparison.Ordinal);
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
        Assert.Contains("| Total |  | 4 | 1,800 | 500 | 1 h 2 min | $0.0238 |", md, StringComparison.Ordinal);
        Assert.Contains("| Captions | openai:gpt-4.1-mini | 2 | 800 | 200 | — | $0.0012 |", md, StringComparison.Ordinal);
        Assert.Contains("2 near-duplicate samples not captioned (saved about $0.0004).", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_names_each_stages_model_and_compares_native_video_with_this_run()
    {
        var report = ReportSamples.Full();
        var html = ReportHtmlWriter.Write(report, "../demo.mp4");

        Assert.Contains("<td class=\"l model\">openai:gpt-4.1-mini</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"l model\">openai:gpt-4o-mini-transcribe, then fallback groq:whisper-large-v3</td>", html, StringComparison.Ordinal);
        var quote = report.NativeVideoComparison[0];
        Assert.Contains(Cuboid.Formatting.DisplayFormat.Ratio((double)(quote.Dollars / report.Usage.Total.Dollars)) + " this run", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("≈ $0", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scene_selects_its_own_sample_even_when_the_frame_lands_just_after_the_cut()
    {
        var report = ReportSamples.Full() with
        {
            Chapters = [],
            Samples = [new(65, SampleReasons.Interval, "frames/a.jpg"), new(77.2, SampleReasons.Cut, "frames/b.jpg"), new(80, SampleReasons.Interval, "frames/c.jpg")],
            Scenes = [new(0, 0, 77, "start"), new(1, 77, 90, "cut")],
        };

        var html = ReportHtmlWriter.Write(report, null);

        Assert.Contains("<li data-t=\"77\" data-s=\"1\"><b>01:17</b>", html, StringComparison.Ordinal);
        Assert.Contains("No video is linked to this report.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_embeds_the_given_thumbnails_and_the_chapters_track_and_names_the_video_it_looks_for()
    {
        var report = ReportSamples.Full();
        var thumbnails = new Dictionary<string, string> { ["frames/000000.000.jpg"] = "data:image/jpeg;base64,AAAA" };

        var html = ReportHtmlWriter.Write(report, "../talk%20demo.mp4", thumbnails, ChapterVttWriter.Write(report.Chapters));

        Assert.Contains("poster=\"frames/000000.000.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("--poster:url('data:image/jpeg;base64,AAAA')", html, StringComparison.Ordinal);
        Assert.Contains("data-src=\"data:image/jpeg;base64,AAAA\"", html, StringComparison.Ordinal);
        Assert.Contains("data-src=\"frames/000005.000.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("<track kind=\"chapters\" label=\"Chapters\" srclang=\"en\" default src=\"data:text/vtt;base64,", html, StringComparison.Ordinal);
        Assert.Contains("looked for it at <code>../talk demo.mp4</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cached_re_run_reads_from_cache_with_the_original_cost_not_as_zeros()
    {
        var report = ReportSamples.Full();
        var cached = report with
        {
            Usage = new UsageReport([.. report.Usage.Stages.Select(s => StageUsage.None(s.Stage) with { Models = s.Models, CacheHits = s.Calls })])
            {
                OriginalRun = new OriginalRunCost(0.0238m, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)),
            },
        };

        var md = ReportMarkdownWriter.Write(cached);

        Assert.Contains("| Captions | openai:gpt-4.1-mini | 0 | 0 | 0 | — | from cache, $0 this run |", md, StringComparison.Ordinal);
        Assert.Contains("| Total |  | 0 | 0 | 0 | — | from cache, $0 this run |", md, StringComparison.Ordinal);
        Assert.Contains("4 answers came from the cache: $0 this run. The earlier run that paid for them (2026-11-24) cost $0.0238.", md, StringComparison.Ordinal);
        Assert.Contains("| Model | Resolution | Tokens | Calls | Cost |\n", md, StringComparison.Ordinal);
        Assert.Contains("from cache, $0 this run", ReportHtmlWriter.Write(cached, null), StringComparison.Ordinal);
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
