using Cuboid.Cli;

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
}
