using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary>A small, fully populated report for writer tests.</summary>
internal static class ReportSamples
{
    public static AnalysisReport Full() => new()
    {
        Source = "talk <demo>.mp4",
        Mode = "full",
        CreatedAt = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
        Video = new VideoFacts(3725.5, 1280, 720, 25, "h264", true, "aac", "mp4"),
        Samples =
        [
            new(0, SampleReasons.First, "frames/000000.000.jpg", "A title slide reading \"Intro\"", "openai:gpt-4.1-mini"),
            new(5, SampleReasons.Interval, "frames/000005.000.jpg", "A speaker | at a desk", "openai:gpt-4.1-mini"),
            new(3600.04, SampleReasons.Cut, "frames/003600.040.jpg", null, null),
        ],
        Transcript = [new(0.5, 4.2, "Hello and welcome."), new(3601, 3603.5, "Thanks for watching.")],
        Scenes = [new(0, 0, 3600.04, "start"), new(1, 3600.04, 3725.5, "cut")],
        Summary = "A talk & a demo.",
        Chapters = [new(0, 3600.04, "Intro --> main <part>", "Welcome\nand overview"), new(3600.04, 3725.5, "Outro", "Goodbye")],
        KeyMoments = [new(3601, "Thanks")],
        Topics = ["video", "cost"],
        MotionProfile = [new(0, 0.1), new(5, 0.5), new(3600, 2)],
        SpeechActivity = [new(0.5, 4.2)],
        Duplicates = new DuplicateSavings(2, 0.0004m),
        Usage = new UsageReport(
        [
            new("caption", 2, 800, 200, 0, 0.0012m, ["openai:gpt-4.1-mini"]),
            new("transcribe", 1, 0, 0, 3725.5, 0.0186m, ["openai:gpt-4o-mini-transcribe", "groq:whisper-large-v3"]),
            new("reason", 1, 1000, 300, 0, 0.004m, ["openai:gpt-5"]),
        ]),
        NativeVideoComparison = NativeVideoRatesDefaults(),
    };

    private static IReadOnlyList<NativeVideoQuote> NativeVideoRatesDefaults() =>
        Cuboid.Understanding.NativeVideoRates.Compare(Cuboid.Understanding.NativeVideoRates.Default, 3725.5, hasAudio: true);
}
