using System.Globalization;
using System.Text.RegularExpressions;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Understanding;

public partial class SynthesizerTests
{
    private const string Good = """
        {"summary":"A talk.","chapters":[{"start":"00:40","end":"02:00","title":"Demo","summary":"b"},{"start":"00:00","end":"00:50","title":"Intro","summary":"a"},{"start":"09:00","end":"12:00","title":"Past the end","summary":"c"}],
         "key_moments":[{"time":"01:05","description":"The demo starts"}],"topics":["demo"]}
        """;

    [Fact]
    public void Timeline_interleaves_captions_and_speech_in_time_order()
    {
        var timeline = Timeline.Build(
            [new ReportSample(10, "interval", "f", "slide two"), new ReportSample(0, "first", "f", "slide one"), new ReportSample(5, "interval", "f", null)],
            [new TranscriptSegment(3, 6, "hello"), new TranscriptSegment(10, 12, "next slide")]);

        Assert.Equal(
            "[00:00] frame: slide one\n[00:03] speech: hello\n[00:10] frame: slide two\n[00:10] speech: next slide\n",
            Timeline.Render(timeline));
    }

    [Fact]
    public async Task Valid_json_gives_chapters_clamped_ordered_and_tiling_the_video()
    {
        var reasoner = new ScriptedChatClient((_, _) => Good);

        var result = await new Synthesizer(reasoner, 128_000).SynthesizeAsync([new(0, TimelineKind.Frame, "x")], 300, focus: "the demo");

        // "Past the end" starts after the video ends, so it is dropped.
        Assert.Equal(["Intro", "Demo"], result.Chapters.Select(c => c.Title));
        Assert.Equal([(0d, 40d), (40d, 300d)], result.Chapters.Select(c => (c.Start, c.End)));
        Assert.Equal(65, result.KeyMoments.Single().Time);
        var request = Assert.Single(reasoner.Requests);
        Assert.Same(SynthesisSchema.Format, request.Options!.ResponseFormat);
        Assert.Contains("the demo", request.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_json_gets_exactly_one_repair_request()
    {
        var answers = new Queue<string>(["Sure! Here is the summary: {", Good]);
        var reasoner = new ScriptedChatClient((_, _) => answers.Dequeue());

        var result = await new Synthesizer(reasoner, 128_000).SynthesizeAsync([new(0, TimelineKind.Frame, "x")], 300, null);

        Assert.Equal("A talk.", result.Summary);
        Assert.Equal(2, reasoner.Requests.Count);
        var repair = reasoner.Requests[1].Messages;
        Assert.Equal(ChatRole.Assistant, repair[^2].Role);
        Assert.Contains("not valid JSON", repair[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_twice_is_a_provider_error()
    {
        var reasoner = new ScriptedChatClient((_, _) => """{"summary":"x","chapters":[{"title":"no start"}]}""");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => new Synthesizer(reasoner, 128_000).SynthesizeAsync([new(0, TimelineKind.Frame, "x")], 300, null));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Equal(2, reasoner.Requests.Count);
    }

    [Theory]
    [InlineData("""{"chapters":[]}""", "summary")]
    [InlineData("""{"summary":"s","chapters":{}}""", "array")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"summary":"s","chapters":[{"start":"99:99:99:99","title":"t"}]}""", "start")]
    public void Parser_names_what_is_wrong(string json, string expected)
    {
        Assert.False(SynthesisParser.TryParse(json, 100, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_accepts_a_code_fence_and_seconds()
    {
        Assert.True(SynthesisParser.TryParse("```json\n{\"summary\":\"s\",\"chapters\":[{\"start\":12.5,\"title\":\"t\"}]}\n```", 100, out var result, out _));
        Assert.Equal((0d, 100d), (result.Chapters[0].Start, result.Chapters[0].End));
    }

    [Fact]
    public async Task A_two_hour_timeline_is_summarised_in_windows_then_as_a_whole_keeping_timestamps()
    {
        // 2 hours: a caption every 5 s and a speech segment every 7 s (about 2,500 lines).
        var samples = Enumerable.Range(0, 1440).Select(i => new ReportSample(i * 5, "interval", "f", $"slide {i / 60} with a chart about part {i / 60}"));
        var speech = Enumerable.Range(0, 1028).Select(i => new TranscriptSegment(i * 7, i * 7 + 6, $"and so on about part {i * 7 / 300}"));
        var timeline = Timeline.Build(samples, speech);
        const int context = 16_000;
        var reasoner = new ScriptedChatClient((messages, _) => WindowAnswer(messages[^1].Text));

        var synthesizer = new Synthesizer(reasoner, context);
        var result = await synthesizer.SynthesizeAsync(timeline, 7200, null);

        Assert.True(reasoner.Requests.Count > 2);
        Assert.All(reasoner.Requests, r => Assert.True(TokenEstimate.FromText(string.Concat(r.Messages.Select(m => m.Text))) < context));
        var windowCalls = reasoner.Requests.Where(r => r.Messages[^1].Text.StartsWith("This is only the part", StringComparison.Ordinal)).ToList();
        Assert.True(windowCalls.Count >= 2);
        var final = reasoner.Requests[^1].Messages[^1].Text;
        Assert.DoesNotContain("This is only the part", final, StringComparison.Ordinal);
        Assert.Contains("notes:", final, StringComparison.Ordinal);
        Assert.Contains("[1:50:00", final, StringComparison.Ordinal);
        // The whole video is covered in order by the final chapters.
        Assert.Equal(0, result.Chapters[0].Start);
        Assert.Equal(7200, result.Chapters[^1].End);
        Assert.True(result.Chapters.Zip(result.Chapters.Skip(1)).All(p => p.First.End == p.Second.Start));
    }

    // Answers each request with one chapter per distinct [h:mm:ss] minute-ten block seen in its timeline.
    private static string WindowAnswer(string prompt)
    {
        var stamps = Stamp().Matches(prompt).Select(m => Timecode.TryParse(m.Groups[1].Value)!.Value).ToList();
        var starts = stamps.Select(s => Math.Floor(s / 600) * 600).Distinct().Take(12).ToList();
        var chapters = string.Join(',', starts.Select(s => $$"""{"start":{{s.ToString(CultureInfo.InvariantCulture)}},"title":"Part at {{Timecode.Clock(s)}}","summary":"about this part"}"""));
        return $$"""{"summary":"Covers {{Timecode.Clock(stamps.Min())}} to {{Timecode.Clock(stamps.Max())}}","chapters":[{{chapters}}],"key_moments":[{"time":{{stamps[stamps.Count / 2].ToString(CultureInfo.InvariantCulture)}},"description":"middle"}],"topics":["parts"]}""";
    }

    [GeneratedRegex(@"^\[([0-9:]+)[\]–]", RegexOptions.Multiline)]
    private static partial Regex Stamp();
}
