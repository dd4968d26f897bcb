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
