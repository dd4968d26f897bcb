using Cuboid.Media.Probe;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media.Probe;

public class VideoProbeTests
{
    [Fact]
    public async Task Reads_container_codec_size_rate_frames_and_audio()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Contains("mp4", info.Container, StringComparison.Ordinal);
        Assert.Equal(2.0, info.Duration.TotalSeconds, 1);
        Assert.Equal(0, info.StartTime.TotalSeconds, 1);
        var video = info.RequireVideo();
        Assert.Equal("h264", video.Codec);
        Assert.Equal((320, 180), (video.Width, video.Height));
        Assert.Equal((320, 180), (video.DisplayWidth, video.DisplayHeight));
        Assert.Equal(new Rational(25, 1), video.AverageFrameRate);
        Assert.Equal(new Rational(25, 1), video.RealFrameRate);
        Assert.False(video.IsVariableFrameRate);
        Assert.Equal(50, video.FrameCount);
        Assert.Equal(0, video.Rotation);
        Assert.True(video.BitRate > 0);
        var audio = Assert.Single(info.AudioStreams);
        Assert.True(info.HasAudio);
        Assert.Equal(("aac", 48000, 1), (audio.Codec, audio.SampleRate, audio.Channels));
    }

    [Fact]
    public async Task A_rotated_phone_video_reports_its_rotation_and_swapped_display_size()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = 90 });

        var video = (await VideoProbe.ProbeAsync(path)).RequireVideo();

        Assert.True(video.IsQuarterTurn, $"rotation was {video.Rotation}");
        Assert.Equal((320, 180), (video.Width, video.Height));
        Assert.Equal((180, 320), (video.DisplayWidth, video.DisplayHeight));
    }

    [Fact]
    public async Task Non_square_pixels_widen_the_display_size()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { SampleAspect = "2:1" });

        var video = (await VideoProbe.ProbeAsync(path)).RequireVideo();

        Assert.Equal(new Rational(2, 1), video.SampleAspectRatio);
        Assert.Equal(new Rational(32, 9), video.DisplayAspectRatio);
        Assert.Equal((640, 180), (video.DisplayWidth, video.DisplayHeight));
    }

    [Fact]
    public async Task Variable_frame_rate_is_flagged()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, VariableFrameRate = true, Audio = false });

        var video = (await VideoProbe.ProbeAsync(path)).RequireVideo();

        Assert.True(video.IsVariableFrameRate, $"avg {video.AverageFrameRate}, real {video.RealFrameRate}");
        Assert.NotEqual(video.AverageFrameRate, video.RealFrameRate);
    }

    [Fact]
    public async Task A_non_zero_start_time_is_reported()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { StartOffsetSeconds = 3, Audio = false });

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Equal(3.0, info.StartTime.TotalSeconds, 2);
        Assert.Equal(3.0, info.RequireVideo().StartTime.TotalSeconds, 2);
    }

    [Fact]
    public async Task Matroska_has_no_frame_count_and_that_is_not_an_error()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Container = "mkv", Audio = false });

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Contains("matroska", info.Container, StringComparison.Ordinal);
        Assert.Null(info.RequireVideo().FrameCount);
        Assert.False(info.HasAudio);
        Assert.Empty(info.AudioStreams);
    }

    [Fact]
    public async Task Odd_sizes_are_kept_exactly()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Container = "webm", Codec = "libvpx-vp9", Width = 321, Height = 181, Seconds = 1 });

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Equal(("vp9", 321, 181), (info.RequireVideo().Codec, info.RequireVideo().Width, info.RequireVideo().Height));
        Assert.Equal("opus", Assert.Single(info.AudioStreams).Codec);
    }

    [Fact]
    public async Task An_audio_only_file_probes_fine_but_has_no_video_to_require()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { AudioOnly = true, Container = "mp4" });

        var info = await VideoProbe.ProbeAsync(path);

        Assert.False(info.HasVideo);
        Assert.True(info.HasAudio);
        var ex = Assert.Throws<CuboidException>(() => info.RequireVideo());
        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("no video stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_with_spaces_and_non_ascii_characters_work()
    {
        var source = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 1 });
        var path = VideoBuilder.CopyAs(source, Path.Combine("dossier été", "ma vidéo 東京 (1).mp4"));

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Equal(path, info.Path);
        Assert.Equal(25, info.RequireVideo().FrameCount);
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Each_bad_input_is_one_clear_input_error(string name)
    {
        var path = BadInputs.Make(name);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => VideoProbe.ProbeAsync(path));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains(BadInputs.Phrase(name), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Missing_ffprobe_names_the_package_to_install()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());

        var ex = await Assert.ThrowsAsync<CuboidException>(() => VideoProbe.ProbeAsync(path, BadInputs.MissingTools));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("ffprobe", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y ffmpeg", ex.Message, StringComparison.Ordinal);
    }
}
