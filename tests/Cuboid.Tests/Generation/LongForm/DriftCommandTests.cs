using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary><c>cuboid drift</c> through the real CLI entry point: the table, the report folder, one-line errors.</summary>
public class DriftCommandTests
{
    [Fact]
    public async Task The_table_fits_80_columns_and_says_nothing_is_wrong_with_a_clean_clip()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["drift", clip, "--segments", "2s"], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains("No drift defects found.", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith('!'));
    }

    [Fact]
    public async Task Each_defect_is_named_in_the_table()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.FlashAtFourSeconds);
        var console = CliConsole.Capture(out var output, out _);

        var code = await CuboidApp.RunAsync(["drift", clip, "--at", "2,4,6"], console);

        Assert.Equal(0, code);
        Assert.Contains("! flash at the join at 4.00 s", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_writes_a_versioned_drift_json_and_a_self_contained_page()
    {
        var clip = await DriftClips.BlurRampAsync();
        var folder = Path.Combine(VideoBuilder.NewFolder(), "drift");
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["drift", clip, "--segments", "2s", "--out", folder], console);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "drift.json")));
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("segments").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "blur-ramp");
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "drift.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.Equal(["drift.html", "drift.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Json_prints_the_report()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var console = CliConsole.Capture(out var output, out _);

        var code = await CuboidApp.RunAsync(["drift", clip, "--json"], console);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal("first-frame", json.RootElement.GetProperty("anchor").GetString());
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_exits_3_with_one_line()
    {
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["drift", VideoBuilder.TextFile()], console);

        AssertOneLine(ExitCodes.Input, code, error.ToString(), "not a video file");
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task An_anchor_that_is_not_an_image_exits_3_and_writes_nothing()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var folder = Path.Combine(VideoBuilder.NewFolder(), "drift");
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["drift", clip, "--anchor", VideoBuilder.TextFile("anchor.png"), "--out", folder], console);

        AssertOneLine(ExitCodes.Input, code, error.ToString(), "is not an image");
        Assert.False(Directory.Exists(folder));
        Assert.Equal(string.Empty, output.ToString());
    }

    [Theory]
    [InlineData("--at", "4,abc", "not a duration")]
    [InlineData("--at", "4,2", "must increase")]
    [InlineData("--at", "30", "past the end")]
    [InlineData("--segments", "0s", "must be positive")]
    public async Task A_bad_segmentation_exits_2_with_one_line(string option, string value, string phrase)
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var console = CliConsole.Capture(out var output, out var error);

        var code = await CuboidApp.RunAsync(["drift", clip, option, value], console);

        AssertOneLine(ExitCodes.Usage, code, error.ToString(), phrase);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task Segments_and_at_together_exit_2()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["drift", clip, "--segments", "2s", "--at", "4"], console);

        AssertOneLine(ExitCodes.Usage, code, error.ToString(), "not both");
    }

    private static void AssertOneLine(int expectedCode, int code, string error, string phrase)
    {
        Assert.Equal(expectedCode, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("cuboid: ", line, StringComparison.Ordinal);
        Assert.Contains(phrase, line, StringComparison.Ordinal);
    }
}
