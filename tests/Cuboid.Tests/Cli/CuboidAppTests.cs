using System.CommandLine;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Cli;

public class CuboidAppTests
{
    [Fact]
    public async Task Unknown_command_is_a_usage_error_with_one_line()
    {
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["no-such-command"], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.StartsWith("cuboid:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorKind.Usage, 2)]
    [InlineData(ErrorKind.Input, 3)]
    [InlineData(ErrorKind.Provider, 4)]
    [InlineData(ErrorKind.Budget, 5)]
    public void Error_kinds_map_to_documented_exit_codes(ErrorKind kind, int expected)
    {
        Assert.Equal(expected, ExitCodes.For(kind));
    }

    [Fact]
    public async Task A_non_numeric_value_is_named_in_words_and_points_at_the_commands_help()
    {
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["scenes", "video.mp4", "--threshold", "abc"], console);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.Contains("as a number", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.Contains("'cuboid scenes --help'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_named()
    {
        var console = CliConsole.Capture(out _, out var error);

        await CuboidApp.RunAsync(["no-such-command"], console);

        Assert.Contains("'no-such-command'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_before_the_argument_is_named_not_the_argument()
    {
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["probe", "--bogus", SampleFiles.DemoVideo], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("cuboid: unknown option '--bogus' (see 'cuboid probe --help')", error.ToString().Trim());
    }

    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        var root = CuboidApp.CreateRootCommand(CliConsole.Capture(out _, out _));
        foreach (var command in Descendants(root, string.Empty))
        {
            data.Add(command);
        }

        return data;

        static IEnumerable<string> Descendants(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                yield return prefix + sub.Name;
                foreach (var descendant in Descendants(sub, $"{prefix}{sub.Name} "))
                {
                    yield return descendant;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_command_names_an_unknown_option_wherever_it_stands(string commandPath)
    {
        string[] path = commandPath.Split(' ');
        string[][] attempts = [[.. path, "--bogus", "x.mp4"], [.. path, "--bogus=1"], [.. path, "x.mp4", "--bogus"]];
        foreach (var args in attempts)
        {
            var console = CliConsole.Capture(out var output, out var error);

            var code = await CuboidApp.RunAsync(args, console);

            Assert.Equal(ExitCodes.Usage, code);
            var line = Assert.Single(error.ToString().Trim().Split('\n'));
            Assert.StartsWith($"cuboid: unknown option '--bogus' (see 'cuboid {commandPath} --help')", line, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output.ToString());
        }
    }

    [Fact]
    public async Task Option_values_and_negative_numbers_that_start_with_a_dash_are_not_unknown_options()
    {
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["tokens", "--model", "wan2.1-t2v-14b", "--frames", "-5"], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("unknown option", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_output_folder_is_an_input_error_not_a_bug()
    {
        var console = CliConsole.Capture(out _, out var error);
        var code = await CuboidApp.RunAsync(["frames", SampleFiles.DemoVideo, "--every", "20s", "--out", "/proc/cuboid-cannot-write"], console);

        Assert.Equal(ExitCodes.Input, code);
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.DoesNotContain("internal error", error.ToString(), StringComparison.Ordinal);
    }
}
