using Cuboid.Media;
using Cuboid.Media.Analysis;
using Cuboid.Media.Audio;
using Cuboid.Media.Frames;
using Cuboid.Media.Probe;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media.Probe;

/// <summary>
/// Files cut short after their header (a download that stopped): the header still promises the whole length, ffmpeg
/// decodes what is there without failing, and every media entry point must say so and stop at the decodable end.
/// </summary>
public class TruncationTests
{
    private const double Seconds = 10;

    // A keyframe every second, so a cut file still decodes up to about where its data stops.
    private static VideoRecipe Cut(string container, double fraction) => new()
    {
        Container = container,
        Codec = container == "webm" ? "libvpx-vp9" : "libx264",
        Seconds = Seconds,
        Gop = 25,
        FastStart = container == "mp4",
        CutToFraction = fraction,
    };

    public static TheoryData<string, double> CutFiles => new()
    {
        { "mp4", 0.3 },
        { "mp4", 0.6 },
        { "mp4", 0.85 },
        { "mkv", 0.5 },
        { "webm", 0.5 },
    };

    public static TheoryData<string> WholeFiles => new()
    {
        "faststart", "mkv", "webm", "start offset", "variable frame rate", "corrupt middle", "ts, audio runs on", "mkv, audio runs on",
    };

    private static VideoRecipe Whole(string kind) => kind switch
    {
        "faststart" => new VideoRecipe { Seconds = 4, FastStart = true },
        "mkv" => new VideoRecipe { Seconds = 4, Container = "mkv" },
        "webm" => new VideoRecipe { Seconds = 4, Container = "webm", Codec = "libvpx-vp9" },
        "start offset" => new VideoRecipe { Seconds = 4, StartOffsetSeconds = 10 },
        "variable frame rate" => new VideoRecipe { Seconds = 4, VariableFrameRate = true },
        "corrupt middle" => new VideoRecipe { Seconds = 4, Defect = VideoDefect.CorruptMiddle },
        // The video ends 3 s before the audio: the format's duration is the audio's, and that is not truncation.
        "ts, audio runs on" => new VideoRecipe { Seconds = 2, Container = "ts", Tones = [new ToneSegment(5, 440)] },
        _ => new VideoRecipe { Seconds = 2, Container = "mkv", Tones = [new ToneSegment(5, 440)] },
    };

    [Theory]
    [MemberData(nameof(CutFiles))]
    public async Task The_analysis_pass_stops_at_the_decodable_end_and_says_so(string container, double fraction)
    {
        var path = await VideoBuilder.BuildAsync(Cut(container, fraction));

        var result = await AnalysisPass.RunAsync(path);

        var truncation = Assert.IsType<Truncation>(result.Truncation);
        var decodable = truncation.DecodableLength.TotalSeconds;
        Assert.Equal(Seconds, truncation.ExpectedLength.TotalSeconds, 1);
        Assert.InRange(decodable, 1, Seconds - 1);
        Assert.Equal(result.FrameCount / 25.0, decodable, 1); // 25 fps: the frames decoded are the decodable length.
        Assert.Equal(decodable, result.End);
        Assert.All(result.Samples, s => Assert.True(s.Time < decodable));
        Assert.All(result.Boundaries, b => Assert.True(b.Time < decodable));
        var warning = Assert.Single(result.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains($"only its first {Truncation.Seconds(truncation.DecodableLength)} s of 10", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("partial file", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CutFiles))]
    public async Task Reading_packets_finds_the_same_end_as_decoding(string container, double fraction)
    {
        var path = await VideoBuilder.BuildAsync(Cut(container, fraction));
        var info = await VideoProbe.ProbeAsync(path);

        var byPackets = await TruncationCheck.CheckAsync(info, MediaTools.Default);
        var byDecoding = (await AnalysisPass.RunAsync(path)).Truncation!;

        Assert.NotNull(byPackets);
        Assert.Equal(byDecoding.DecodableLength.TotalSeconds, byPackets.DecodableLength.TotalSeconds, 0.1);
    }

    [Theory]
    [MemberData(nameof(WholeFiles))]
    public async Task A_whole_file_is_never_called_truncated(string kind)
    {
        var path = await VideoBuilder.BuildAsync(Whole(kind));
        var info = await VideoProbe.ProbeAsync(path);

        var result = await AnalysisPass.RunAsync(path);

        Assert.Null(result.Truncation);
        Assert.Null(await TruncationCheck.CheckAsync(info, MediaTools.Default));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Frames_every_interval_stop_at_the_decodable_end_with_one_clear_warning()
    {
        var path = await VideoBuilder.BuildAsync(Cut("mp4", 0.3));

        var result = await FrameExporter.ExportEveryAsync(path, TimeSpan.FromSeconds(1), VideoBuilder.NewFolder());

        var truncation = Assert.IsType<Truncation>(result.Truncation);
        Assert.Equal((int)Math.Ceiling(truncation.DecodableLength.TotalSeconds), result.Frames.Count);
        Assert.All(result.Frames, f => Assert.True(f.Timestamp < truncation.DecodableLength));
        Assert.StartsWith(Path.GetFileName(path) + " is truncated: only its first ", result.Warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("partial file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FrameExportMethod.SeekPerFrame)]
    [InlineData(FrameExportMethod.SinglePass)]
    public async Task A_time_beyond_the_decodable_end_is_an_input_error_naming_it(FrameExportMethod method)
    {
        var path = await VideoBuilder.BuildAsync(Cut("mp4", 0.3));
        var output = Path.Combine(VideoBuilder.NewFolder(), "frames");

        var ex = await Assert.ThrowsAsync<CuboidException>(() =>
            FrameExporter.ExportAtAsync(path, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)], output, new FrameExportOptions { Method = method }));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("8 s is beyond the end of what can be decoded", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is truncated and only its first ", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_time_within_the_decodable_part_is_exported_with_the_warning()
    {
        var path = await VideoBuilder.BuildAsync(Cut("mkv", 0.5));

        var result = await FrameExporter.ExportAtAsync(path, [TimeSpan.FromSeconds(2)], VideoBuilder.NewFolder());

        Assert.Equal(2, Assert.Single(result.Frames).Timestamp.TotalSeconds, 0.05); // Matroska rounds times to milliseconds.
        Assert.NotNull(result.Truncation);
        Assert.Contains("is truncated", result.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyframes_of_a_truncated_file_say_so()
    {
        var path = await VideoBuilder.BuildAsync(Cut("webm", 0.5));

        var result = await KeyframePreview.CreateAsync(path, VideoBuilder.NewFolder());

        var truncation = Assert.IsType<Truncation>(result.Truncation);
        Assert.All(result.Frames, f => Assert.True(f.Timestamp < truncation.DecodableLength));
        Assert.Contains("is truncated", result.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_of_a_truncated_file_stops_at_its_end_and_a_range_beyond_it_is_an_input_error()
    {
        var path = await VideoBuilder.BuildAsync(Cut("mp4", 0.6));

        var whole = await AudioExtractor.ExtractAsync(path);
        var beyond = await Assert.ThrowsAsync<CuboidException>(() =>
            AudioExtractor.ExtractAsync(path, range: new AudioRange(TimeSpan.FromSeconds(9), null)));

        var truncation = Assert.IsType<Truncation>(whole.Truncation);
        Assert.Equal(truncation.DecodableLength.TotalSeconds, whole.Duration.TotalSeconds, 0.05);
        Assert.InRange(whole.Duration.TotalSeconds, 1, Seconds - 1);
        Assert.Contains("is truncated", Assert.Single(whole.Warnings), StringComparison.Ordinal); // Not ffmpeg's words for the cut-off last packet.
        Assert.Equal(ErrorKind.Input, beyond.Kind);
        Assert.Contains("beyond the end of what can be decoded", beyond.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_of_a_whole_file_is_not_truncated()
    {
        var path = await VideoBuilder.BuildAsync(Whole("faststart"));

        var extraction = await AudioExtractor.ExtractAsync(path);

        Assert.Null(extraction.Truncation);
        Assert.DoesNotContain(extraction.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }
}
