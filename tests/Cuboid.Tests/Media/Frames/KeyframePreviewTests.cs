using Cuboid.Media;
using Cuboid.Media.Frames;
using Cuboid.Media.Probe;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media.Frames;

public class KeyframePreviewTests
{
    // Brightness 16 + 3 × frame number; a keyframe every 25 frames (1 s).
    private static readonly VideoRecipe Numbered = new()
    {
        Source = "color=c=black",
        Filter = "geq=lum='16+N*3':cb=128:cr=128",
        Gop = 25,
        Seconds = 3,
        Audio = false,
    };

    [Fact]
    public async Task Writes_exactly_the_keyframes_with_their_times()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var output = Path.Combine(VideoBuilder.NewFolder(), "keys");

        var result = await KeyframePreview.CreateAsync(video, output, new KeyframePreviewOptions { Format = FrameImageFormat.Png });

        Assert.Equal([0.0, 1.0, 2.0], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        var numbers = new List<int>();
        foreach (var frame in result.Frames)
        {
            numbers.Add((int)Math.Round((await ImageMeasure.MeanLumaAsync(frame.Path) - 16) / 3));
        }

        Assert.Equal([0, 25, 50], numbers);
        Assert.Equal(3, Directory.GetFiles(output).Length);
        Assert.Contains("key_00001.000.png", result.Frames.Select(f => Path.GetFileName(f.Path)));
    }

    [Fact]
    public async Task A_minimum_gap_thins_out_frequent_keyframes()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);

        var result = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { MinGap = TimeSpan.FromSeconds(1.5) });

        Assert.Equal([0.0, 2.0], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
    }

    [Theory]
    [InlineData(6, 3)] // stretch boundaries at 2 s and 4 s: exactly on keyframes
    [InlineData(7, 2)] // a boundary at 3.5 s, between keyframes
    [InlineData(7, 3)]
    public async Task Split_across_processes_it_writes_the_keyframes_one_process_writes(int seconds, int parts)
    {
        var video = await VideoBuilder.BuildAsync(Numbered with { Seconds = seconds });

        var whole = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { Format = FrameImageFormat.Png, Parts = 1 });
        var split = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { Format = FrameImageFormat.Png, Parts = parts });

        Assert.Equal(Enumerable.Range(0, seconds).Select(s => (double)s), split.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        Assert.Equal(whole.Frames.Select(f => Path.GetFileName(f.Path)), split.Frames.Select(f => Path.GetFileName(f.Path)));
        // The same pictures, not just the same names: a keyframe decodes alike wherever the decode starts.
        foreach (var (one, part) in whole.Frames.Zip(split.Frames))
        {
            Assert.Equal(await File.ReadAllBytesAsync(one.Path), await File.ReadAllBytesAsync(part.Path));
        }
    }

    [Fact]
    public async Task A_minimum_gap_keeps_the_same_keyframes_when_the_file_is_split()
    {
        var video = await VideoBuilder.BuildAsync(Numbered with { Seconds = 7 });

        // Thinned per stretch, a 2.5 s gap would keep 0 and 3 from the first stretch (0-3.5 s) and start again at 4 in
        // the second: 0, 3, 4. The chain must run across the split: 0, 3, 6, as one process keeps.
        var gap15 = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { MinGap = TimeSpan.FromSeconds(1.5), Parts = 2 });
        var gap25 = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { MinGap = TimeSpan.FromSeconds(2.5), Parts = 2 });

        Assert.Equal([0.0, 2.0, 4.0, 6.0], gap15.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        Assert.Equal([0.0, 3.0, 6.0], gap25.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        Assert.Equal(3, Directory.GetFiles(Path.GetDirectoryName(gap25.Frames[0].Path)!).Length);
    }

    [Fact]
    public async Task The_decode_does_not_wait_for_the_truncation_check()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var folder = VideoBuilder.NewFolder();
        var started = Path.Combine(folder, "ffmpeg.started");
        var log = Path.Combine(folder, "scan.log");
        // The packet scan (the truncation check) waits up to 10 s for an ffmpeg to start, and says whether one did.
        var tools = new MediaTools(
            Script(folder, "ffmpeg", $"touch '{started}'", MediaTools.Default.FfmpegPath),
            Script(
                folder,
                "ffprobe",
                $"case \"$*\" in *packet=*) i=0; while [ ! -e '{started}' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; " +
                $"if [ -e '{started}' ]; then echo beside >> '{log}'; else echo before >> '{log}'; fi;; esac",
                MediaTools.Default.FfprobePath));

        var result = await KeyframePreview.CreateAsync(video, Path.Combine(folder, "keys"), new KeyframePreviewOptions { Format = FrameImageFormat.Png }, tools);

        Assert.Equal(["beside"], await File.ReadAllLinesAsync(log));
        Assert.Equal([0.0, 1.0, 2.0], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_truncated_file_has_the_keyframes_up_to_where_its_data_stops_however_it_is_split(int parts)
    {
        // The header says 10 s, the data stops about half way: the decode that took the header's word is dropped.
        var video = await VideoBuilder.BuildAsync(Numbered with { Seconds = 10, FastStart = true, CutToFraction = 0.5 });
        var complete = await VideoBuilder.BuildAsync(Numbered with { Seconds = 10, FastStart = true });
        var output = VideoBuilder.NewFolder();

        var cut = await KeyframePreview.CreateAsync(video, output, new KeyframePreviewOptions { Format = FrameImageFormat.Png, Parts = parts });
        var whole = await KeyframePreview.CreateAsync(complete, VideoBuilder.NewFolder(), new KeyframePreviewOptions { Format = FrameImageFormat.Png, Parts = 1 });

        var truncation = Assert.IsType<Truncation>(cut.Truncation);
        Assert.InRange(cut.Frames.Count, 2, 8);
        Assert.All(cut.Frames, f => Assert.True(f.Timestamp < truncation.DecodableLength));
        Assert.Equal(cut.Frames.Select(f => Path.GetFileName(f.Path)), Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (part, one) in cut.Frames.Zip(whole.Frames))
        {
            Assert.Equal(Path.GetFileName(one.Path), Path.GetFileName(part.Path));
            Assert.Equal(await File.ReadAllBytesAsync(one.Path), await File.ReadAllBytesAsync(part.Path));
        }
    }

    [Fact]
    public async Task Thumbnails_are_small_and_upright()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = 90, Seconds = 1, Audio = false });

        var result = await KeyframePreview.CreateAsync(video, VideoBuilder.NewFolder(), new KeyframePreviewOptions { MaxSize = 160 });

        var frame = Assert.Single(result.Frames);
        Assert.Equal((90, 160), await ImageMeasure.SizeAsync(frame.Path));
    }

    [Theory]
    [InlineData(1920, 1080, 320, true)]
    [InlineData(1280, 720, 320, true)] // exactly a quarter
    [InlineData(1080, 1920, 320, true)] // portrait
    [InlineData(1280, 720, 640, false)] // half: the block edges would show
    [InlineData(854, 480, 320, false)]
    public void Keyframes_skip_deblocking_only_for_thumbnails_at_most_a_quarter_of_the_picture(int width, int height, int maxSize, bool skips)
    {
        Assert.Equal(skips, KeyframePreview.SkipsDeblocking(width, height, ImageSize.Fit(width, height, maxSize)));
    }

    [Theory]
    [InlineData(160, true)]
    [InlineData(320, false)]
    public async Task The_decode_skips_deblocking_when_the_thumbnails_are_small(int maxSize, bool skips)
    {
        var video = await VideoBuilder.BuildAsync(Numbered with { Width = 640, Height = 360, Seconds = 2 });
        var folder = VideoBuilder.NewFolder();
        var log = Path.Combine(folder, "ffmpeg.args");
        var tools = new MediaTools(Script(folder, "ffmpeg", $"echo \"$*\" >> '{log}'", MediaTools.Default.FfmpegPath), MediaTools.Default.FfprobePath);

        var result = await KeyframePreview.CreateAsync(video, Path.Combine(folder, "keys"), new KeyframePreviewOptions { MaxSize = maxSize }, tools);

        Assert.Equal(skips, (await File.ReadAllTextAsync(log)).Contains("-skip_loop_filter all", StringComparison.Ordinal));
        Assert.Equal([0.0, 1.0], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        // A flat picture has no block edges: the un-deblocked keyframe keeps its brightness (16 + 3 × 25 at 1 s).
        Assert.InRange(await ImageMeasure.MeanLumaAsync(result.Frames[1].Path), 89, 93);
    }

    [Fact]
    public async Task An_audio_only_file_is_an_input_error()
    {
        var audio = await VideoBuilder.BuildAsync(new VideoRecipe { AudioOnly = true });

        var ex = await Assert.ThrowsAsync<CuboidException>(() => KeyframePreview.CreateAsync(audio, VideoBuilder.NewFolder()));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("no video stream", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Each_bad_input_is_one_clear_input_error(string name)
    {
        var path = BadInputs.Make(name);
        var output = Path.Combine(VideoBuilder.NewFolder(), "keys");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => KeyframePreview.CreateAsync(path, output));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains(BadInputs.Phrase(name), ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    // A shell script that runs its line, then the tool.
    private static string Script(string folder, string name, string line, string tool)
    {
        var path = Path.Combine(folder, name + ".sh");
        File.WriteAllText(path, $"#!/bin/sh\n{line}\nexec {tool} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
