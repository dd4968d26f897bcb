using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Spacetime;

/// <summary><c>cuboid tokens</c> through the real CLI entry point.</summary>
public class TokensCommandTests
{
    [Fact]
    public async Task Counts_the_worked_example_in_a_table()
    {
        var (code, output, error) = await RunAsync("tokens", "--model", "wan2.1-t2v-14b", "--size", "1280x720", "--frames", "81");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("75,600", output, StringComparison.Ordinal);
        Assert.Contains("21 × 45 × 80", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seconds_and_json()
    {
        var (code, output, _) = await RunAsync("tokens", "--model", "wan2.1-t2v-14b", "--size", "1280x720", "--seconds", "5", "--fps", "16", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(81, json.RootElement.GetProperty("frames").GetInt32());
        Assert.Equal(75_600, json.RootElement.GetProperty("videoTokens").GetInt64());
        Assert.Equal("cross", json.RootElement.GetProperty("attention").GetString());
    }

    [Fact]
    public async Task Defaults_to_the_family_clip()
    {
        var (code, output, _) = await RunAsync("tokens", "-m", "step-video-t2v", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(75_888, json.RootElement.GetProperty("videoTokens").GetInt64());
    }

    [Fact]
    public async Task Counts_a_real_video_as_the_model_sees_it()
    {
        // 320×180 at 25 fps for 2 s; Wan resamples to 16 fps (32 frames, snapped to 33 = 1 + 4·8 → 9 latents)
        // and the height crops to 176.
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = 90 });

        var (code, output, error) = await RunAsync("tokens", "--video", path, "--model", "wan2.1-t2v-14b", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(176, root.GetProperty("width").GetInt32());
        Assert.Equal(320, root.GetProperty("height").GetInt32());
        Assert.Equal(33, root.GetProperty("frames").GetInt32());
        Assert.Equal(32, root.GetProperty("sampledFrames").GetInt32());
        Assert.Equal(9 * 20 * 11, root.GetProperty("videoTokens").GetInt64());
        Assert.Equal("crop", root.GetProperty("fit").GetString());
        Assert.Equal("180x320", root.GetProperty("fittedFrom").GetString());
        Assert.Equal(180, root.GetProperty("source").GetProperty("width").GetInt32());
        Assert.Equal(25, root.GetProperty("source").GetProperty("fps").GetDouble(), 1);
    }

    [Theory]
    [InlineData("wan2.1-t2v-14b", 33)]
    [InlineData("step-video-t2v", 51)]
    [InlineData("mochi-1", 61)]
    public async Task A_file_and_the_same_seconds_give_the_same_frames(string model, int frames)
    {
        // 2 s at 25 fps, no audio so the duration is exactly 2 s; 320×176 divides by 16, the grid of all three families.
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Height = 176, Audio = false });

        var (fileCode, fileOutput, fileError) = await RunAsync("tokens", "--video", path, "--model", model, "--json");
        var (code, output, _) = await RunAsync("tokens", "--model", model, "--size", "320x176", "--fit", "crop", "--seconds", "2", "--json");

        Assert.True(fileCode == 0, fileError);
        Assert.Equal(0, code);
        using var file = JsonDocument.Parse(fileOutput);
        using var seconds = JsonDocument.Parse(output);
        Assert.Equal(frames, file.RootElement.GetProperty("frames").GetInt32());
        Assert.Equal(frames, seconds.RootElement.GetProperty("frames").GetInt32());
        Assert.Equal(seconds.RootElement.GetProperty("videoTokens").GetInt64(), file.RootElement.GetProperty("videoTokens").GetInt64());
    }

    [Fact]
    public async Task A_size_that_divides_is_not_said_to_be_fitted()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Height = 176, Audio = false });

        var (code, output, error) = await RunAsync("tokens", "--video", path, "--model", "wan2.1-t2v-14b");
        var (jsonCode, json, _) = await RunAsync("tokens", "--video", path, "--model", "wan2.1-t2v-14b", "--json");

        Assert.True(code == 0, error);
        Assert.Equal(0, jsonCode);
        Assert.DoesNotContain("fitted", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("32 at 16 fps, snapped to the nearest 1 + k·4: 33", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.TryGetProperty("fit", out _));
        Assert.Equal(320, doc.RootElement.GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData("wan2.1-t2v-14b", "80", 77, "the VAE encodes 77 of the 80 (whole groups: 1 + k·4); the last 3 are dropped")]
    [InlineData("step-video-t2v", "210", 204, "the VAE encodes 204 of the 210 (whole groups: multiple of 17); the last 6 are dropped")]
    public async Task Frames_the_vae_drops_are_shown(string model, string frames, int encoded, string note)
    {
        var (code, output, _) = await RunAsync("tokens", "--model", model, "--frames", frames);
        var (_, json, _) = await RunAsync("tokens", "--model", model, "--frames", frames, "--json");

        Assert.Equal(0, code);
        Assert.Contains(note, output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(encoded, doc.RootElement.GetProperty("encodedFrames").GetInt32());
    }

    [Fact]
    public async Task An_image_is_counted_in_image_tokens_without_a_frame_rate()
    {
        var (code, output, _) = await RunAsync("tokens", "--model", "flux.1-dev");
        var (_, json, _) = await RunAsync("tokens", "--model", "flux.1-dev", "--json");

        Assert.Equal(0, code);
        Assert.Contains("Image tokens", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Video tokens", output, StringComparison.Ordinal);
        Assert.DoesNotContain("causal", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(4_096, doc.RootElement.GetProperty("videoTokens").GetInt64());
        Assert.False(doc.RootElement.TryGetProperty("fps", out _));
        Assert.False(doc.RootElement.TryGetProperty("seconds", out _));
    }

    [Fact]
    public async Task A_crop_says_what_it_changed()
    {
        var (code, output, _) = await RunAsync("tokens", "--model", "wan2.1-t2v-14b", "--size", "1920x1080", "--fit", "crop", "--frames", "81");

        Assert.Equal(0, code);
        Assert.Contains("Size fitted by cropping 1920×1080 to 1920×1072", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_exits_3()
    {
        var (code, _, error) = await RunAsync("tokens", "--video", VideoBuilder.TextFile(), "--model", "wan2.1-t2v-14b");

        Assert.Equal(ExitCodes.Input, code);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("unknown model family 'sora-9'", "tokens", "--model", "sora-9")]
    [InlineData("not a multiple of 16", "tokens", "--model", "wan2.1-t2v-14b", "--size", "1920x1080")]
    [InlineData("positive width", "tokens", "--model", "wan2.1-t2v-14b", "--size", "0x720")]
    [InlineData("positive width", "tokens", "--model", "wan2.1-t2v-14b", "--size", "-1280x720")]
    [InlineData("not WIDTHxHEIGHT", "tokens", "--model", "wan2.1-t2v-14b", "--size", "big")]
    [InlineData("frame count 0", "tokens", "--model", "wan2.1-t2v-14b", "--frames", "0")]
    [InlineData("either frames or seconds", "tokens", "--model", "wan2.1-t2v-14b", "--frames", "81", "--seconds", "5")]
    [InlineData("duration -5", "tokens", "--model", "wan2.1-t2v-14b", "--seconds", "-5")]
    [InlineData("more than the", "tokens", "--model", "wan2.1-t2v-14b", "--seconds", "1e300")]
    [InlineData("larger than", "tokens", "--model", "wan2.1-t2v-14b", "--size", "2000000000x720")]
    [InlineData("fit 'stretch' is not one of", "tokens", "--model", "wan2.1-t2v-14b", "--fit", "stretch")]
    [InlineData("cuboid:", "tokens", "--model", "wan2.1-t2v-14b", "--frames", "99999999999")]
    public async Task Bad_option_values_exit_2_with_one_line(string phrase, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("cuboid: ", line, StringComparison.Ordinal);
        Assert.Contains(phrase, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_families_file_exits_3()
    {
        var path = Path.Combine(VideoBuilder.NewFolder(), "families.json");
        await File.WriteAllTextAsync(path, "{ \"families\": [ { \"id\": \"x\" } ] }");

        var (code, _, error) = await RunAsync("tokens", "--model", "x", "--families", path);

        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("family 'x'", error, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var console = CliConsole.Capture(out var output, out var error);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }
}
