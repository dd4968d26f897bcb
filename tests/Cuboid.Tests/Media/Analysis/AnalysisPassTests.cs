using Cuboid.Media;
using Cuboid.Media.Analysis;
using Cuboid.Media.Frames;
using Cuboid.Media.Probe;
using Cuboid.Media.Sampling;
using Cuboid.Media.Scenes;
using Cuboid.Testing.Video;
using Cuboid.Tests.Media.Scenes;
using Xunit.Abstractions;

namespace Cuboid.Tests.Media.Analysis;

[Collection(ShotReelCollection.Name)]
public class AnalysisPassTests(ShotReelFixture reels, ITestOutputHelper output)
{
    [Fact]
    public async Task Variable_frame_rate_files_get_each_frames_exact_presentation_time()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { VariableFrameRate = true, Seconds = 3, Fps = 25, Audio = false });
        var times = new TimeRecorder();

        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { SampleInterval = TimeSpan.FromSeconds(1), Consumers = [times] });

        // Ground truth: ffprobe's per-frame presentation times (the recipe's 1/10 s steps land on the file's 1/25 s grid).
        var expected = await FrameTimesByProbeAsync(path);
        Assert.Equal(75, expected.Count);
        Assert.True(expected.Zip(expected.Skip(1), (a, b) => Math.Round(b - a, 6)).Distinct().Count() > 1, "the file should be VFR");
        Assert.Equal(expected.Count, times.Times.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], times.Times[i], 6);
        }

        Assert.Equal([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], result.Samples.Select(s => Math.Round(s.Time, 6)));
        Assert.True(times.Completed);
    }

    [Fact]
    public async Task Files_whose_first_timestamp_is_not_zero_are_timed_from_their_start()
    {
        var recipe = new VideoRecipe { StartOffsetSeconds = 10, Seconds = 3, Fps = 25, Audio = false };
        var path = await VideoBuilder.BuildAsync(recipe);
        var info = await VideoProbe.ProbeAsync(path);
        var times = new TimeRecorder();

        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { SampleInterval = TimeSpan.FromSeconds(1), Consumers = [times] });

        output.WriteLine($"probe start {info.StartTime.TotalSeconds}s, first frame {times.Times[0]}s");
        Assert.True(info.StartTime.TotalSeconds >= 9.9, $"the test file should start late, starts at {info.StartTime}");
        Assert.Equal(0, times.Times[0], 6);
        Assert.Equal(await FrameTimesByProbeAsync(path), times.Times.Select(t => Math.Round(t, 6)));
        Assert.Equal(75, result.FrameCount);
        Assert.Equal(74 / 25.0, result.LastFrameTime, 6);
        Assert.Equal([0.0, 1.0, 2.0], result.Samples.Select(s => Math.Round(s.Time, 6)));
    }

    [Fact]
    public async Task Exports_caption_frames_for_intervals_and_shot_starts_during_the_same_decode()
    {
        var folder = VideoBuilder.NewFolder();

        var result = await AnalysisPass.RunAsync(reels.Path720, new AnalysisOptions { ExportDirectory = folder });

        var reel = reels.Reel720;
        var reasons = result.Samples.GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", result.Samples.Select(s => $"{s.Reason}@{s.FrameIndex}")) + $"; fallbacks {result.ExportFallbacks}, candidates {result.ExportCandidates}");
        Assert.Equal(1, reasons[SampleReason.FirstFrame]);
        Assert.Equal(2, reasons[SampleReason.Interval]); // 5 s and 10 s of a 12.2 s reel.
        Assert.Equal(reel.HardCutFrames.Count + reel.FadeBoundaryFrames.Count, reasons[SampleReason.AfterCut]);
        Assert.True(result.ExportFallbacks <= 1, $"{result.ExportFallbacks} frames needed a second seek");
        Assert.InRange(result.ExportCandidates, result.Samples.Count, result.FrameCount / 3);
        Assert.Equal(result.Samples.Count, Directory.GetFiles(folder).Length);
        Assert.Empty(Directory.GetDirectories(folder));

        foreach (var sample in result.Samples)
        {
            Assert.NotNull(sample.ImagePath);
            var bytes = await File.ReadAllBytesAsync(sample.ImagePath);
            Assert.Equal([0xFF, 0xD8], bytes[..2]);
        }

        var image = await VideoProbe.ProbeAsync(result.Samples[0].ImagePath!);
        Assert.Equal((768, 432), (image.Video!.Width, image.Video.Height));

        // The file shows the chosen frame, not a neighbour: every after-cut JPEG has its frame's brightness.
        foreach (var sample in result.Samples.Where(s => s.Reason == SampleReason.AfterCut))
        {
            var luma = await MeanLumaAsync(sample.ImagePath!);
            Assert.True(Math.Abs(luma - sample.Stats.MeanLuma) < 10, $"frame {sample.FrameIndex}: JPEG luma {luma:0.0}, analysed {sample.Stats.MeanLuma:0.0}");
        }
    }

    [Fact]
    public async Task Samples_arrive_while_the_pass_is_still_decoding()
    {
        var firstSample = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new GateConsumer(atFrame: 150, firstSample.Task);
        var run = AnalysisPass.Start(reels.Path720, new AnalysisOptions { Consumers = [gate] });

        var received = new List<AnalysisSample>();
        await foreach (var sample in run.ReadSamplesAsync())
        {
            received.Add(sample);
            firstSample.TrySetResult();
        }

        var result = await run.Completion;
        Assert.True(gate.SawSampleBeforeTheEnd);
        Assert.Equal(result.Samples.Select(s => s.FrameIndex).Order(), received.Select(s => s.FrameIndex).Order());
    }

    [Fact]
    public async Task Statistics_profile_and_signatures_describe_the_video()
    {
        var result = await reels.Default720;

        Assert.Equal((128, 72), (result.Width, result.Height));
        Assert.Equal(13, result.MotionProfile.Count); // 12.2 s in 1 s buckets.
        Assert.Equal(result.FrameCount, result.MotionProfile.Sum(p => p.Frames));
        Assert.InRange(result.Summary.MeanLuma, 40, 200);
        Assert.True(result.Summary.MaxMotion > 30, "cuts move most of the picture");
        Assert.InRange(result.Summary.MeanActiveCuboids, 0.05, 1);
        var first = result.Samples[0];
        var sameShot = result.Samples.First(s => s.FrameIndex > 0);
        Assert.Equal(0, first.Signature.DistanceTo(first.Signature));
        Assert.True(first.Signature.DistanceTo(sameShot.Signature) > 0.1, "the second sample opens a different shot");
    }

    [Fact]
    public async Task A_still_picture_has_no_moving_cuboids_and_no_cuts()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Source = "color=c=0x336699", Seconds = 2, Audio = false });

        var result = await AnalysisPass.RunAsync(path);

        Assert.Empty(result.Boundaries);
        Assert.Equal(0, result.Summary.MeanActiveCuboids);
        Assert.All(result.Samples, s => Assert.Equal(0, s.MotionSincePrevious));
    }

    [Theory]
    [InlineData(90, null, 72, 128)]
    [InlineData(0, "2:1", 128, 36)]
    public async Task Analysis_frames_are_upright_and_in_display_aspect(int rotation, string? sampleAspect, int width, int height)
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = rotation, SampleAspect = sampleAspect, Seconds = 1, Audio = false });

        var result = await AnalysisPass.RunAsync(path);

        Assert.Equal((width, height), (result.Width, result.Height));
        Assert.Equal(25, result.FrameCount);
    }

    [Fact]
    public async Task Corrupt_frames_in_the_middle_do_not_stop_the_pass()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Defect = VideoDefect.CorruptMiddle, Seconds = 4, Audio = false });

        var result = await AnalysisPass.RunAsync(path);

        output.WriteLine($"{result.FrameCount} frames, last at {result.LastFrameTime}s");
        Assert.True(result.LastFrameTime > 3, "decoding continued past the damage to the end");
        Assert.True(result.DecodeErrors > 0, "the damage is reported");
        Assert.NotNull(result.FirstDecodeError);
    }

    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_leaves_no_candidate_files()
    {
        using var cancellation = new CancellationTokenSource();
        var folder = VideoBuilder.NewFolder();
        var stopper = new CancelAt(50, cancellation);

        var run = AnalysisPass.Start(reels.Path720, new AnalysisOptions { ExportDirectory = folder, Consumers = [stopper] }, cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Completion);
        Assert.Empty(Directory.GetDirectories(folder));
    }

    [Fact]
    public async Task A_clean_file_reports_no_decode_errors()
    {
        var result = await reels.Default720;

        Assert.Equal(0, result.DecodeErrors);
        Assert.Null(result.FirstDecodeError);
    }

    [Fact]
    public async Task Many_frames_without_a_candidate_are_exported_by_one_batched_ffmpeg_run()
    {
        var normalFolder = VideoBuilder.NewFolder();
        var batchFolder = VideoBuilder.NewFolder();
        var normal = await AnalysisPass.RunAsync(reels.Path720, new AnalysisOptions { ExportDirectory = normalFolder });

        // No frame passes ffmpeg's scene score, so every after-cut sample misses its candidate JPEG.
        var batched = await AnalysisPass.RunAsync(reels.Path720, new AnalysisOptions { ExportDirectory = batchFolder, CutCandidateScene = 2 });

        output.WriteLine($"fallbacks {batched.ExportFallbacks} in {batched.ExportFallbackRuns} run(s); normal run {normal.ExportFallbacks} in {normal.ExportFallbackRuns}");
        Assert.True(batched.ExportFallbacks > FrameExporter.SeekAlwaysUpTo, $"{batched.ExportFallbacks} fallbacks");
        Assert.Equal(1, batched.ExportFallbackRuns);
        Assert.Equal(normal.Samples.Select(s => (s.FrameIndex, s.Reason)), batched.Samples.Select(s => (s.FrameIndex, s.Reason)));
        Assert.Equal(batched.Samples.Count, Directory.GetFiles(batchFolder).Length);
        Assert.Empty(Directory.GetDirectories(batchFolder));
        foreach (var (a, b) in normal.Samples.Zip(batched.Samples))
        {
            // The same frame, scaled and encoded the same way: the JPEGs match in size and brightness.
            Assert.Equal(await ImageMeasure.SizeAsync(a.ImagePath!), await ImageMeasure.SizeAsync(b.ImagePath!));
            var (lengthA, lengthB) = (new FileInfo(a.ImagePath!).Length, new FileInfo(b.ImagePath!).Length);
            Assert.True(Math.Abs(lengthA - lengthB) <= lengthA / 20, $"frame {a.FrameIndex}: {lengthA} vs {lengthB} bytes");
        }
    }

    [Fact]
    public async Task A_few_frames_without_a_candidate_are_cut_by_one_seek_each()
    {
        var reel = new Cuboid.Testing.Shots.ShotReel(640, 360, 25,
            [new("testsrc2", 60), new("smptebars", 60), new("color=c=0x406080", 60)]);
        var path = await Cuboid.Testing.Shots.ShotReelBuilder.BuildAsync(reel);
        var normal = await AnalysisPass.RunAsync(path, new AnalysisOptions { ExportDirectory = VideoBuilder.NewFolder() });

        var seeked = await AnalysisPass.RunAsync(path, new AnalysisOptions { ExportDirectory = VideoBuilder.NewFolder(), CutCandidateScene = 2 });

        Assert.Equal(2, seeked.ExportFallbacks); // the first frames after the cuts at 2.4 s and 4.8 s
        Assert.Equal(2, seeked.ExportFallbackRuns);
        Assert.Equal(normal.Samples.Select(s => (s.FrameIndex, s.Reason)), seeked.Samples.Select(s => (s.FrameIndex, s.Reason)).Order());
        foreach (var (a, b) in normal.Samples.OrderBy(s => s.FrameIndex).Zip(seeked.Samples.OrderBy(s => s.FrameIndex)))
        {
            var (lengthA, lengthB) = (new FileInfo(a.ImagePath!).Length, new FileInfo(b.ImagePath!).Length);
            Assert.True(Math.Abs(lengthA - lengthB) <= lengthA / 20, $"frame {a.FrameIndex}: {lengthA} vs {lengthB} bytes");
        }
    }

    [Fact]
    public async Task A_seek_for_a_frame_without_a_candidate_decodes_on_one_thread_and_cuts_the_same_jpeg()
    {
        var reel = new Cuboid.Testing.Shots.ShotReel(640, 360, 25,
            [new("testsrc2", 60), new("smptebars", 60), new("color=c=0x406080", 60)]);
        var path = await Cuboid.Testing.Shots.ShotReelBuilder.BuildAsync(reel);
        var folder = VideoBuilder.NewFolder();
        var log = Path.Combine(folder, "ffmpeg-runs.txt");
        var script = Path.Combine(folder, "ffmpeg.sh");
        // Each run's arguments, one a line, then an empty line.
        File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"$@\" '' >> '{log}'\nexec {MediaTools.Default.FfmpegPath} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var seeked = await AnalysisPass.RunAsync(path, new AnalysisOptions
        {
            ExportDirectory = VideoBuilder.NewFolder(),
            CutCandidateScene = 2,
            Tools = MediaTools.Default with { FfmpegPath = script },
        });

        var runs = File.ReadAllText(log).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('\n').ToList()).ToList();
        var seeks = runs.Where(r => r.Contains("-ss")).ToList();
        Assert.Equal(2, seeks.Count);
        Assert.Equal(seeked.ExportFallbackRuns, seeks.Count);
        foreach (var seek in seeks)
        {
            var threads = seek.IndexOf("-threads");
            Assert.True(threads >= 0 && threads < seek.IndexOf("-i") && seek[threads + 1] == "1", string.Join(' ', seek));

            // ffmpeg's own choice of decoder threads cuts the same bytes: one thread only saves the frame threads' work.
            var frame = Path.GetFileName(seek[^1]).Replace(".part.jpg", string.Empty, StringComparison.Ordinal);
            var sample = Assert.Single(seeked.Samples, s => Path.GetFileName(s.ImagePath) == frame);
            var again = Path.Combine(folder, "default-threads.jpg");
            var args = seek.ToList();
            args.RemoveRange(threads, 2);
            args[^1] = again;
            var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, args);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(await File.ReadAllBytesAsync(again), await File.ReadAllBytesAsync(sample.ImagePath!));
        }
    }

    [Fact]
    public async Task Odd_sized_video_exports_at_the_size_cuboid_frames_gives_never_larger()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Container = "webm", Codec = "libvpx-vp9", Width = 321, Height = 181, Seconds = 1, Audio = false });

        var result = await AnalysisPass.RunAsync(video, new AnalysisOptions { ExportDirectory = VideoBuilder.NewFolder() });
        var frames = await FrameExporter.ExportAtAsync(video, [TimeSpan.Zero], VideoBuilder.NewFolder());

        var analysed = await ImageMeasure.SizeAsync(Assert.Single(result.Samples).ImagePath!);
        var exported = await ImageMeasure.SizeAsync(Assert.Single(frames.Frames).Path);
        Assert.Equal((320, 180), analysed);
        Assert.Equal(exported, analysed);
    }

    [Theory]
    [InlineData("p%20x.mp4", "p%20x.mp4.cuboid")]
    [InlineData("100%.mp4", "out %d %s %%")]
    public async Task Percent_signs_in_the_video_or_output_path_are_literal(string name, string outName)
    {
        var source = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 1, Audio = false });
        var path = VideoBuilder.CopyAs(source, name);
        var folder = Path.Combine(VideoBuilder.NewFolder(), outName);

        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { ExportDirectory = folder });

        var sample = Assert.Single(result.Samples);
        Assert.Equal(folder, Path.GetDirectoryName(sample.ImagePath));
        Assert.True(File.Exists(sample.ImagePath));
        Assert.Equal(0, result.ExportFallbacks);
    }

    [Fact]
    public async Task A_path_with_spaces_and_non_ascii_characters_works()
    {
        var source = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 1, Audio = false });
        var path = VideoBuilder.CopyAs(source, "my clips/été à Zürich.mp4");
        var folder = Path.Combine(VideoBuilder.NewFolder(), "frames dir é");

        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { ExportDirectory = folder });

        Assert.Equal(25, result.FrameCount);
        Assert.True(File.Exists(Assert.Single(result.Samples).ImagePath));
    }

    [Fact]
    public async Task An_audio_only_file_is_an_input_error()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { AudioOnly = true, Container = "mkv" });

        var error = await Assert.ThrowsAsync<CuboidException>(() => AnalysisPass.RunAsync(path));

        Assert.Equal(ErrorKind.Input, error.Kind);
        Assert.Contains("no video stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_text_file_is_an_input_error()
    {
        var missing = await Assert.ThrowsAsync<CuboidException>(() => AnalysisPass.RunAsync("/no/such/video.mp4"));
        var text = await Assert.ThrowsAsync<CuboidException>(() => AnalysisPass.RunAsync(VideoBuilder.TextFile()));

        Assert.Equal(ErrorKind.Input, missing.Kind);
        Assert.Equal(ErrorKind.Input, text.Kind);
    }

    [Fact]
    public void Bad_options_are_usage_errors_before_anything_runs()
    {
        var error = Assert.Throws<CuboidException>(() => AnalysisPass.Start("any.mp4", new AnalysisOptions { SampleInterval = TimeSpan.Zero }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        error = Assert.Throws<CuboidException>(() => AnalysisPass.Start("any.mp4", new AnalysisOptions { Scenes = new SceneDetectionOptions { Threshold = -3 } }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    /// <summary>Every video frame's presentation time from ffprobe, counted from the file's start time.</summary>
    private static async Task<List<double>> FrameTimesByProbeAsync(string path)
    {
        var info = await VideoProbe.ProbeAsync(path);
        var run = await Cuboid.Media.MediaProcess.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", path]);
        return [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Math.Round(double.Parse(line.TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture) - info.StartTime.TotalSeconds, 6))];
    }

    private static async Task<double> MeanLumaAsync(string image)
    {
        await using var process = Cuboid.Media.MediaProcess.Start("ffmpeg", ["-v", "error", "-i", image, "-vf", "scale=64:36,format=gray", "-f", "rawvideo", "-"]);
        using var memory = new MemoryStream();
        await process.StandardOutput.CopyToAsync(memory);
        await process.WaitForExitAsync();
        return memory.ToArray().Average(b => (double)b);
    }

    private sealed class TimeRecorder : IFrameConsumer
    {
        public List<double> Times { get; } = [];

        public bool Completed { get; private set; }

        public void OnFrame(AnalysisFrame frame) => Times.Add(frame.Time);

        public void OnCompleted() => Completed = true;
    }

    private sealed class CancelAt(long frame, CancellationTokenSource cancellation) : IFrameConsumer
    {
        public void OnFrame(AnalysisFrame current)
        {
            if (current.Index == frame)
            {
                cancellation.Cancel();
            }
        }

        public void OnCompleted()
        {
        }
    }

    /// <summary>Holds the decode at one frame until a sample has reached the reader (or 30 s pass).</summary>
    private sealed class GateConsumer(long atFrame, Task sampleSeen) : IFrameConsumer
    {
        public bool SawSampleBeforeTheEnd { get; private set; }

        public void OnFrame(AnalysisFrame frame)
        {
            if (frame.Index == atFrame)
            {
                SawSampleBeforeTheEnd = sampleSeen.Wait(TimeSpan.FromSeconds(30));
            }
        }

        public void OnCompleted()
        {
        }
    }
}
