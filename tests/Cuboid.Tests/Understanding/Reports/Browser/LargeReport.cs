using System.Globalization;
using Cuboid.Media;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding.Reports.Browser;

/// <summary>
/// A 3-hour video's report: 2,000 samples with real JPEG frames (one ffmpeg run over a test pattern), a scene every
/// 36 s, a transcript line every 15 s, 24 chapters and a per-second motion profile, written by the real
/// <see cref="ReportWriter"/> (so its thumbnails are real data URIs).
/// </summary>
internal static class LargeReport
{
    public const int Samples = 2000;
    public const double Duration = 3 * 3600;
    public const double Every = Duration / Samples;

    public static async Task<string> WriteAsync(string folder)
    {
        var staging = Directory.CreateDirectory(Path.Combine(folder, "long.mp4.cuboid")).FullName;
        var frames = Directory.CreateDirectory(Path.Combine(staging, ReportWriter.FramesFolder)).FullName;
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=384x216:r=1", "-frames:v", Samples.ToString(CultureInfo.InvariantCulture), "-q:v", "6", Path.Combine(frames, "frame-%07d.jpg")]);
        Assert.Equal(0, run.ExitCode);

        var samples = Enumerable.Range(0, Samples).Select(i => new ReportSample(
            i * Every, i % 9 == 4 ? SampleReasons.Cut : SampleReasons.Interval, $"frames/frame-{i + 1:0000000}.jpg",
            $"Slide {i + 1}: a presenter points at a chart of quarterly numbers while the audience listens.", "openai:gpt-4.1-mini")).ToList();
        var report = new AnalysisReport
        {
            Source = "three-hour conference.mp4",
            Mode = "full",
            CreatedAt = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero),
            Video = new VideoFacts(Duration, 1920, 1080, 29.97, "h264", true, "aac", "mp4"),
            Samples = samples,
            Scenes = [.. Enumerable.Range(0, 300).Select(i => new ReportScene(i, i * 36.0, Math.Min(Duration, (i + 1) * 36.0), i == 0 ? "start" : "cut"))],
            Transcript = [.. Enumerable.Range(0, (int)(Duration / 15)).Select(i => new TranscriptSegment(i * 15.0, i * 15.0 + 12, $"Line {i + 1} of the talk, about the numbers on the slide."))],
            Chapters = [.. Enumerable.Range(0, 24).Select(i => new Chapter(i * 450.0, (i + 1) * 450.0, $"Part {i + 1}", "What the speaker covers in this part."))],
            Summary = "A three-hour conference recording.",
            MotionProfile = [.. Enumerable.Range(0, (int)Duration).Select(s => new MotionPoint(s, (s * 7919 % 100) / 100.0))],
            SpeechActivity = [.. Enumerable.Range(0, 360).Select(i => new TimeRange(i * 30.0, i * 30.0 + 25))],
            Usage = new UsageReport([new("caption", Samples, 2_000_000, 120_000, 0, 0.41m, ["openai:gpt-4.1-mini"]), new("transcribe", 18, 0, 0, Duration, 0.324m, ["openai:gpt-4o-mini-transcribe"]), new("reason", 3, 90_000, 6_000, 0, 0.31m, ["openai:gpt-5"])]),
            NativeVideoComparison = NativeVideoRates.Compare(NativeVideoRates.Default, Duration, hasAudio: true),
        };
        await ReportWriter.WriteAsync(report, ReportFormats.All, staging, staging, videoPath: null);
        return Path.Combine(staging, ReportWriter.HtmlFile);
    }
}
