using System.Text.Json;
using Cuboid.Cli;

namespace Cuboid.Tests.Media.Scenes;

[Collection(ShotReelCollection.Name)]
public class ScenesCommandTests(ShotReelFixture reels)
{
    [Fact]
    public async Task Prints_a_table_of_cuts_with_times_frames_and_scores()
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);

        var code = await CuboidApp.RunAsync(["scenes", reels.Path720], console);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Empty, stderr.ToString());
        var text = stdout.ToString();
        Assert.Contains("1.200", text, StringComparison.Ordinal); // The first cut: frame 30 at 25 fps.
        Assert.Contains("fade-out", text, StringComparison.Ordinal);
        Assert.Contains("11 cuts, 12 scenes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_boundaries_and_scenes_for_machines()
    {
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["scenes", reels.Path720, "--json", "--detector", "adaptive", "--min-scene", "500ms"], console);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal("adaptive", root.GetProperty("detector").GetString());
        Assert.Equal(3.0, root.GetProperty("threshold").GetDouble());
        Assert.Equal(0.5, root.GetProperty("minSceneSeconds").GetDouble());
        var cuts = root.GetProperty("boundaries").EnumerateArray().Where(b => b.GetProperty("kind").GetString()!.StartsWith("cut", StringComparison.Ordinal)).ToList();
        Assert.Equal(root.GetProperty("cutCount").GetInt32(), cuts.Count);
        Assert.Equal(30, cuts[0].GetProperty("frame").GetInt64());
        Assert.Equal(1.2, cuts[0].GetProperty("time").GetDouble(), 6);
        Assert.Equal(cuts.Count + 1, root.GetProperty("scenes").GetArrayLength());
    }

    [Fact]
    public async Task Scenes_are_half_open_and_the_summary_uses_the_probed_duration()
    {
        var console = CliConsole.Capture(out var stdout, out _);
        var table = CliConsole.Capture(out var tableOut, out _);

        var code = await CuboidApp.RunAsync(["scenes", reels.Path720, "--json"], console);
        await CuboidApp.RunAsync(["scenes", reels.Path720], table);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        var scenes = root.GetProperty("scenes").EnumerateArray().ToList();
        Assert.Equal(0, scenes[0].GetProperty("startFrame").GetInt64());
        for (var i = 0; i + 1 < scenes.Count; i++)
        {
            Assert.Equal(scenes[i + 1].GetProperty("startFrame").GetInt64(), scenes[i].GetProperty("endFrame").GetInt64());
            Assert.Equal(scenes[i + 1].GetProperty("start").GetDouble(), scenes[i].GetProperty("end").GetDouble());
        }

        var duration = root.GetProperty("durationSeconds").GetDouble();
        Assert.Equal(reels.Reel720.TotalFrames, scenes[^1].GetProperty("endFrame").GetInt64());
        Assert.Equal(duration, scenes[^1].GetProperty("end").GetDouble());
        Assert.Equal(reels.Reel720.TotalFrames / 25.0, duration, 2);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $" in {duration:0.###} s ("), tableOut.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--detector", "histogram")]
    [InlineData("--threshold", "-1")]
    [InlineData("--threshold", "0")]
    [InlineData("--min-scene", "soon")]
    [InlineData("--min-scene", "-1s")]
    public async Task Bad_option_values_are_usage_errors_with_one_line(string option, string value)
    {
        var console = CliConsole.Capture(out _, out var stderr);

        var code = await CuboidApp.RunAsync(["scenes", reels.Path720, option, value], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.StartsWith("cuboid:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_frames_give_a_warning_and_still_a_result()
    {
        var path = await Cuboid.Testing.Video.VideoBuilder.BuildAsync(
            new Cuboid.Testing.Video.VideoRecipe { Defect = Cuboid.Testing.Video.VideoDefect.CorruptMiddle, Seconds = 4, Audio = false });
        var console = CliConsole.Capture(out var stdout, out var stderr);

        var code = await CuboidApp.RunAsync(["scenes", path], console);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("cuboid: warning:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("scene", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_an_input_error()
    {
        var console = CliConsole.Capture(out _, out var stderr);

        var code = await CuboidApp.RunAsync(["scenes", "/no/such/file.mp4"], console);

        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("no such file", stderr.ToString(), StringComparison.Ordinal);
    }
}
