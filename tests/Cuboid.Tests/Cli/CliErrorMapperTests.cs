using Cuboid.Cli;
using Cuboid.Media.Audio;

namespace Cuboid.Tests.Cli;

/// <summary>The command line names every library parameter, as a flag where a command exposes it.</summary>
public class CliErrorMapperTests
{
    [Fact]
    public void Every_library_parameter_has_a_command_line_name()
    {
        var missing = CuboidParameters.All.Where(p => !CliErrorMapper.Names.ContainsKey(p.Name)).Select(p => p.Name);

        Assert.Empty(missing);
        Assert.Empty(CliErrorMapper.Names.Keys.Except(CuboidParameters.All.Select(p => p.Name)));
    }

    [Fact]
    public async Task A_library_error_reads_with_the_flags_the_user_typed()
    {
        var video = await Cuboid.Testing.Video.VideoBuilder.BuildAsync(new Cuboid.Testing.Video.VideoRecipe());

        var error = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(
            video, range: new AudioRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1))));

        Assert.Equal("To (1 s) must be after From (1.5 s)", error.Message);
        Assert.Equal("--to (1 s) must be after --from (1.5 s)", CliErrorMapper.Message(error));
    }

    [Fact]
    public async Task The_cli_prints_the_mapped_message_and_the_same_exit_code()
    {
        var console = CliConsole.Capture(out _, out var error);

        var code = await CuboidApp.RunAsync(["drift", "missing.mp4", "--segments", "4s", "--at", "2,4"], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("cuboid: give either --segments or --at, not both", error.ToString().Trim());
    }
}
