using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media;

/// <summary>The media commands through the real CLI entry point: output shape, exit codes, one-line errors.</summary>
public class MediaCommandsTests
{
    [Fact]
    public async Task Probe_prints_a_table()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["probe", path], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        Assert.Contains("h264", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("320x180", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_json_is_machine_readable()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = 90 });
        var console = CliConsole.Capture(out var output, out _);

        var code = await CuboidApp.RunAsync(["probe", path, "--json"], console);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var video = json.RootElement.GetProperty("video");
        Assert.Equal(180, video.GetProperty("displayWidth").GetInt32());
        Assert.Equal(320, video.GetProperty("displayHeight").GetInt32());
        Assert.Equal(2.0, json.RootElement.GetProperty("durationSeconds").GetDouble(), 1);
        Assert.True(json.RootElement.GetProperty("hasAudio").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Probe_of_a_bad_input_exits_3_with_one_line(string name)
    {
        var path = BadInputs.Make(name);
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["probe", path], console);

        AssertOneLineInputError(code, error.ToString(), BadInputs.Phrase(name));
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task Frames_every_writes_images_and_json()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var output = Path.Combine(VideoBuilder.NewFolder(), "out");
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--every", "500ms", "--max-size", "160", "--out", output, "--json"], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(6, frames.Count);
        Assert.Equal("single-pass", json.RootElement.GetProperty("method").GetString());
        Assert.All(frames, f => Assert.True(File.Exists(f.GetProperty("path").GetString())));
        Assert.Equal(160, frames[0].GetProperty("width").GetInt32());
        Assert.Equal(6, Directory.GetFiles(output, "*.jpg").Length);
    }

    [Fact]
    public async Task Frames_at_prints_a_table()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["frames", path, "--at", "1,0.4s", "--format", "png", "--out", VideoBuilder.NewFolder()], console);

        Assert.Equal(0, code);
        Assert.Contains("frame_00000.400.png", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("frame_00001.000.png", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("(one seek per frame)", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--every", "1s", "--at", "1")]
    [InlineData("--max-size", "320")]
    [InlineData("--every", "soon")]
    [InlineData("--every", "1s", "--format", "gif")]
    public async Task Frames_with_bad_options_is_a_usage_error(params string[] options)
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--out", VideoBuilder.NewFolder(), .. options], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Frames_of_a_bad_input_exits_3_with_one_line(string name)
    {
        var path = BadInputs.Make(name);
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--every", "1s", "--out", VideoBuilder.NewFolder()], console);

        AssertOneLineInputError(code, error.ToString(), BadInputs.Phrase(name));
    }

    [Fact]
    public async Task Frames_of_an_audio_only_file_exits_3_with_one_line()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { AudioOnly = true });
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--every", "1s", "--out", VideoBuilder.NewFolder()], console);

        AssertOneLineInputError(code, error.ToString(), "no video stream");
    }

    [Fact]
    public async Task Frames_of_a_file_with_corrupt_frames_succeeds_with_warnings()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Container = "ts", Seconds = 3, Audio = false, Defect = VideoDefect.CorruptMiddle });
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--every", "0.5s", "--out", VideoBuilder.NewFolder()], console);

        Assert.Equal(0, code);
        Assert.StartsWith("cuboid: warning:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyframes_writes_thumbnails_and_json()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Gop = 25 });
        var output = Path.Combine(VideoBuilder.NewFolder(), "keys");
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["keyframes", path, "--out", output, "--json"], console);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var times = json.RootElement.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("timeSeconds").GetDouble());
        Assert.Equal([0.0, 1.0, 2.0], times.Select(t => Math.Round(t, 3)));
        Assert.Equal(3, Directory.GetFiles(output).Length);
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Keyframes_of_a_bad_input_exits_3_with_one_line(string name)
    {
        var path = BadInputs.Make(name);
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["keyframes", path, "--out", VideoBuilder.NewFolder()], console);

        AssertOneLineInputError(code, error.ToString(), BadInputs.Phrase(name));
    }

    [Fact]
    public async Task Audio_prints_sound_and_silence_and_writes_a_wav()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Tones = [ToneSegment.Silence(1), new(1), ToneSegment.Silence(1)] });
        var wav = Path.Combine(VideoBuilder.NewFolder(), "a.wav");
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["audio", path, "--out", wav, "--from", "500ms", "--to", "2.5"], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        Assert.Contains("1 sound intervals", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("silence", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(wav));
    }

    [Fact]
    public async Task Audio_of_a_silent_film_says_so_and_succeeds()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Audio = false });
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["audio", path, "--json"], console);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.False(json.RootElement.GetProperty("hasAudio").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Audio_of_a_bad_input_exits_3_with_one_line(string name)
    {
        var path = BadInputs.Make(name);
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["audio", path], console);

        AssertOneLineInputError(code, error.ToString(), BadInputs.Phrase(name));
    }

    [Theory]
    [InlineData("CUBOID_FFPROBE", "ffprobe", "probe")]
    [InlineData("CUBOID_FFMPEG", "ffmpeg", "frames")]
    public async Task A_missing_tool_is_one_line_naming_the_package(string variable, string tool, string command)
    {
        // MediaTools.Default reads the environment once per process, so run the real CLI as a child process.
        var video = await VideoBuilder.BuildAsync(new VideoRecipe());
        var cli = Path.Combine(AppContext.BaseDirectory, "Cuboid.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { cli, command, video, "--every", "1s", "--out", VideoBuilder.NewFolder() }.Take(command == "probe" ? 3 : 7))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[variable] = "/nonexistent/cuboid/" + tool;
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        AssertOneLineInputError(process.ExitCode, error, $"{tool} was not found; install it with: sudo apt-get install -y ffmpeg");
    }

    private static readonly VideoRecipe CutShort = new() { Seconds = 10, Gop = 25, FastStart = true, CutToFraction = 0.3 };

    [Fact]
    public async Task Scenes_of_a_truncated_file_warn_once_and_end_at_the_decodable_length()
    {
        var path = await VideoBuilder.BuildAsync(CutShort);
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["scenes", path, "--json"], console);

        Assert.Equal(0, code);
        var warning = Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.StartsWith($"cuboid: warning: {Path.GetFileName(path)} is truncated: only its first ", warning, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        var decodable = root.GetProperty("truncated").GetProperty("decodableSeconds").GetDouble();
        Assert.InRange(decodable, 1, 9);
        Assert.Equal(10, root.GetProperty("truncated").GetProperty("expectedSeconds").GetDouble(), 1);
        Assert.Equal(decodable, root.GetProperty("decodedSeconds").GetDouble());
        Assert.Equal(decodable, root.GetProperty("scenes").EnumerateArray().Last().GetProperty("end").GetDouble());
        Assert.Contains("is truncated", root.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenes_of_a_whole_file_have_no_truncation()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["scenes", path, "--json"], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("truncated").ValueKind);
    }

    [Fact]
    public async Task Frames_every_on_a_truncated_file_warn_once_in_words_not_ffmpegs()
    {
        var path = await VideoBuilder.BuildAsync(CutShort);
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--every", "2s", "--out", VideoBuilder.NewFolder()], console);

        Assert.Equal(0, code);
        var warning = Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.Contains("is truncated: only its first ", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("partial file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_at_a_time_beyond_a_truncated_files_end_exit_3()
    {
        var path = await VideoBuilder.BuildAsync(CutShort);
        var output = Path.Combine(VideoBuilder.NewFolder(), "out");
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--at", "1,9", "--out", output], console);

        AssertOneLineInputError(code, error.ToString(), "9 s is beyond the end of what can be decoded");
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Frames_at_a_time_past_the_end_of_a_whole_file_get_the_last_frame_and_a_warning()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var console = CliConsole.Capture(out var stdout, out var error);

        var code = await CuboidApp.RunAsync(["frames", path, "--at", "100", "--out", VideoBuilder.NewFolder()], console);

        Assert.Equal(0, code);
        Assert.Contains("frame_00002.960.jpg", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            $"cuboid: warning: 100 s is past the last frame of {Path.GetFileName(path)}: exported its last frame, at 2.96 s",
            error.ToString().Trim());
    }

    internal static void AssertOneLineInputError(int code, string error, string phrase)
    {
        Assert.Equal(ExitCodes.Input, code);
        var lines = error.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("cuboid: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(phrase, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", lines[0], StringComparison.Ordinal);
    }
}
