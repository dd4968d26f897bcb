using Cuboid.Media;
using Cuboid.Media.Frames;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media.Frames;

public class FrameExporterTests
{
    // Each frame's brightness is 16 + 3 × its frame number, so an image tells which frame it is.
    private static readonly VideoRecipe Numbered = new()
    {
        Source = "color=c=black",
        Filter = "geq=lum='16+N*3':cb=128:cr=128",
        Gop = 25,
        Audio = false,
    };

    private static async Task<int> FrameNumberAsync(string image) =>
        (int)Math.Round((await ImageMeasure.MeanLumaAsync(image) - 16) / 3);

    [Theory]
    [InlineData(FrameExportMethod.SeekPerFrame)]
    [InlineData(FrameExportMethod.SinglePass)]
    public async Task Exports_the_first_frame_at_or_after_each_time(FrameExportMethod method)
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var output = Path.Combine(VideoBuilder.NewFolder(), "frames");
        double[] requested = [0, 0.5, 1.01, 1.2, 1.99];

        var result = await FrameExporter.ExportAtAsync(
            video,
            requested.Select(TimeSpan.FromSeconds),
            output,
            new FrameExportOptions { Format = FrameImageFormat.Png, Method = method });

        Assert.Equal(method, result.Method);
        // 25 fps: 0 → frame 0, 0.5 → 13 (0.52 s), 1.01 → 26, 1.2 → 30, 1.99 → after the last frame (49) → 49.
        int[] expected = [0, 13, 26, 30, 49];
        Assert.Equal(expected.Length, result.Frames.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var frame = result.Frames[i];
            Assert.Equal(expected[i], await FrameNumberAsync(frame.Path));
            Assert.Equal(expected[i] / 25.0, frame.Timestamp.TotalSeconds, 3);
            Assert.Equal(requested[i], frame.Requested.TotalSeconds, 3);
            Assert.Equal(output, Path.GetDirectoryName(frame.Path));
        }

        Assert.Equal(expected.Length, Directory.GetFiles(output).Length);
    }

    [Fact]
    public async Task Every_interval_decodes_once_and_includes_the_first_frame()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var output = VideoBuilder.NewFolder();

        var result = await FrameExporter.ExportEveryAsync(video, TimeSpan.FromSeconds(0.4), output, new FrameExportOptions { Format = FrameImageFormat.Png });

        Assert.Equal(FrameExportMethod.SinglePass, result.Method);
        Assert.Equal([0.0, 0.4, 0.8, 1.2, 1.6], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        int[] expected = [0, 10, 20, 30, 40];
        Assert.Equal(expected, await Task.WhenAll(result.Frames.Select(f => FrameNumberAsync(f.Path))));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Hundreds_of_times_go_through_one_pass()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var times = Enumerable.Range(0, 400).Select(i => TimeSpan.FromSeconds(i * 0.005));

        var result = await FrameExporter.ExportAtAsync(video, times, VideoBuilder.NewFolder(), new FrameExportOptions { MaxSize = 32 });

        Assert.Equal(FrameExportMethod.SinglePass, result.Method);
        Assert.Equal(Enumerable.Range(0, 50).Select(n => n / 25.0), result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
    }

    [Fact]
    public async Task Variable_frame_rate_times_come_from_presentation_timestamps()
    {
        // Frames 0-24 are 1/25 s apart, then frames 25-74 are 1/10 s apart (1.0 s to 5.9 s).
        var video = await VideoBuilder.BuildAsync(Numbered with { Seconds = 3, VariableFrameRate = true });

        var result = await FrameExporter.ExportEveryAsync(video, TimeSpan.FromSeconds(1), VideoBuilder.NewFolder(), new FrameExportOptions { Format = FrameImageFormat.Png, Method = FrameExportMethod.SinglePass });

        Assert.Equal([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], result.Frames.Select(f => Math.Round(f.Timestamp.TotalSeconds, 3)));
        int[] expected = [0, 25, 35, 45, 55, 65];
        Assert.Equal(expected, await Task.WhenAll(result.Frames.Select(f => FrameNumberAsync(f.Path))));
    }

    [Fact]
    public async Task Times_are_measured_from_the_start_of_a_video_whose_first_timestamp_is_not_zero()
    {
        var video = await VideoBuilder.BuildAsync(Numbered with { Container = "ts", StartOffsetSeconds = 5 });

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.FromSeconds(1)], VideoBuilder.NewFolder(), new FrameExportOptions { Format = FrameImageFormat.Png });

        var frame = Assert.Single(result.Frames);
        Assert.Equal(25, await FrameNumberAsync(frame.Path));
        Assert.Equal(1.0, frame.Timestamp.TotalSeconds, 2);
    }

    [Fact]
    public async Task A_rotated_phone_video_comes_out_upright_with_swapped_dimensions()
    {
        // The stored picture is bright on top; a player turns it a quarter turn counterclockwise (display
        // matrix rotation 90), so upright the bright half is on the left.
        var video = await VideoBuilder.BuildAsync(new VideoRecipe
        {
            Source = "color=c=black",
            Filter = "geq=lum='if(lt(Y,H/2),230,20)':cb=128:cr=128",
            Rotation = 90,
            Audio = false,
            Seconds = 1,
        });

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.FromSeconds(0.5)], VideoBuilder.NewFolder(), new FrameExportOptions { Format = FrameImageFormat.Png });

        var frame = Assert.Single(result.Frames);
        Assert.Equal((180, 320), (frame.Width, frame.Height));
        Assert.Equal((180, 320), await ImageMeasure.SizeAsync(frame.Path));
        var left = await ImageMeasure.MeanLumaAsync(frame.Path, "iw/2:ih:0:0");
        var right = await ImageMeasure.MeanLumaAsync(frame.Path, "iw/2:ih:iw/2:0");
        Assert.True(left > 200 && right < 50, $"left {left}, right {right}");
    }

    [Theory]
    [InlineData(768, 640, 180)]
    [InlineData(320, 320, 90)]
    public async Task Non_square_pixels_get_their_display_aspect_and_the_long_side_is_capped(int maxSize, int width, int height)
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { SampleAspect = "2:1", Audio = false, Seconds = 1 });

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.Zero], VideoBuilder.NewFolder(), new FrameExportOptions { MaxSize = maxSize });

        var frame = Assert.Single(result.Frames);
        Assert.Equal((width, height), await ImageMeasure.SizeAsync(frame.Path));
        Assert.EndsWith(".jpg", frame.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mp4", "libx264")]
    [InlineData("mov", "libx264")]
    [InlineData("mkv", "libx265")]
    [InlineData("webm", "libvpx-vp9")]
    [InlineData("mp4", "av1")]
    [InlineData("webm", "av1")]
    public async Task Containers_and_codecs_the_system_ffmpeg_has_all_export(string container, string codec)
    {
        var encoder = codec == "av1" ? VideoBuilder.Av1Encoder : codec;
        if (encoder is null || !VideoBuilder.HasEncoder(encoder))
        {
            return; // This ffmpeg cannot make such a file, so no user can hand us one made here either.
        }

        var video = await VideoBuilder.BuildAsync(Numbered with { Container = container, Codec = encoder, Seconds = 1.2 });

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.FromSeconds(0.8)], VideoBuilder.NewFolder(), new FrameExportOptions { Format = FrameImageFormat.Png });

        var frame = Assert.Single(result.Frames);
        Assert.Equal(0.8, frame.Timestamp.TotalSeconds, 2);
        Assert.InRange(await FrameNumberAsync(frame.Path), 19, 21); // lossy codecs blur the brightness a little
    }

    [Fact]
    public async Task Odd_sizes_export_with_even_dimensions()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Container = "webm", Codec = "libvpx-vp9", Width = 321, Height = 181, Seconds = 1, Audio = false });

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.FromSeconds(0.2)], VideoBuilder.NewFolder());

        var (width, height) = await ImageMeasure.SizeAsync(Assert.Single(result.Frames).Path);
        Assert.True(width % 2 == 0 && height % 2 == 0 && Math.Abs(width - 321) <= 1 && Math.Abs(height - 181) <= 1, $"{width}x{height}");
    }

    [Theory]
    [InlineData("ts")]
    [InlineData("mp4")]
    public async Task Corrupt_frames_in_the_middle_are_skipped_with_warnings(string container)
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Container = container, Seconds = 3, Audio = false, Defect = VideoDefect.CorruptMiddle });

        var result = await FrameExporter.ExportEveryAsync(video, TimeSpan.FromSeconds(0.5), VideoBuilder.NewFolder());

        Assert.NotEmpty(result.Warnings);
        Assert.True(result.Frames.Count >= 5, $"{result.Frames.Count} frames");
        Assert.All(result.Warnings, w => Assert.DoesNotContain('\n', w));
    }

    [Fact]
    public async Task Paths_with_spaces_and_non_ascii_characters_work_for_input_and_output()
    {
        var video = VideoBuilder.CopyAs(await VideoBuilder.BuildAsync(Numbered), "vidéo d'été 東京.mp4");
        var output = Path.Combine(VideoBuilder.NewFolder(), "images à moi");

        var result = await FrameExporter.ExportAtAsync(video, [TimeSpan.FromSeconds(1)], output);

        Assert.True(File.Exists(Assert.Single(result.Frames).Path));
        Assert.StartsWith(output, result.Frames[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audio_only_file_is_an_input_error()
    {
        var audio = await VideoBuilder.BuildAsync(new VideoRecipe { AudioOnly = true });
        var output = Path.Combine(VideoBuilder.NewFolder(), "frames");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => FrameExporter.ExportEveryAsync(audio, TimeSpan.FromSeconds(1), output));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("no video stream", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData(FrameExportMethod.SeekPerFrame)]
    [InlineData(FrameExportMethod.SinglePass)]
    public async Task A_time_past_the_end_of_a_whole_file_gets_the_last_frame_with_a_warning(FrameExportMethod method)
    {
        var video = await VideoBuilder.BuildAsync(Numbered);

        var result = await FrameExporter.ExportAtAsync(
            video, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(40)], VideoBuilder.NewFolder(), new FrameExportOptions { Format = FrameImageFormat.Png, Method = method });

        var last = result.Frames[^1];
        Assert.Equal(TimeSpan.FromSeconds(40), last.Requested);
        Assert.Equal(49, await FrameNumberAsync(last.Path)); // 2 s at 25 fps: frame 49 is the last.
        var warning = Assert.Single(result.Warnings);
        Assert.Equal($"40 s is past the last frame of {Path.GetFileName(video)}: exported its last frame, at 1.96 s", warning);
        Assert.Null(result.Truncation);
    }

    [Fact]
    public async Task A_failed_export_leaves_no_output_folder_and_names_the_missing_package()
    {
        var video = await VideoBuilder.BuildAsync(Numbered);
        var parent = VideoBuilder.NewFolder();
        var output = Path.Combine(parent, "frames");
        var noFfmpeg = MediaTools.Default with { FfmpegPath = "/nonexistent/cuboid/ffmpeg" };

        var ex = await Assert.ThrowsAsync<CuboidException>(() => FrameExporter.ExportEveryAsync(video, TimeSpan.FromSeconds(0.5), output, tools: noFfmpeg));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("ffmpeg was not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y ffmpeg", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Each_bad_input_is_one_clear_input_error(string name)
    {
        var path = BadInputs.Make(name);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => FrameExporter.ExportAtAsync(path, [TimeSpan.Zero], VideoBuilder.NewFolder()));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains(BadInputs.Phrase(name), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 600, FrameExportMethod.SeekPerFrame)]
    [InlineData(120, 600, FrameExportMethod.SinglePass)]
    [InlineData(120, 7200, FrameExportMethod.SeekPerFrame)]
    [InlineData(10, 60, FrameExportMethod.SinglePass)]
    public void The_method_follows_the_documented_density_rule(int count, int seconds, FrameExportMethod expected)
    {
        Assert.Equal(expected, FrameExporter.ChooseMethod(count, TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(1920, 1080, 768, 768, 432)]
    [InlineData(1080, 1920, 768, 432, 768)]
    [InlineData(320, 180, 768, 320, 180)]
    [InlineData(641, 359, 320, 320, 180)]
    [InlineData(323, 181, 768, 322, 180)]
    [InlineData(1920, 1080, 321, 320, 180)]
    [InlineData(3, 1, 768, 2, 2)]
    public void Frame_size_fits_the_long_side_with_even_dimensions(int w, int h, int max, int ew, int eh)
    {
        Assert.Equal(new ImageSize(ew, eh), ImageSize.Fit(w, h, max));
    }
}
