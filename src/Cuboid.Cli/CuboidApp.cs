using System.CommandLine;
using System.CommandLine.Help;
using Cuboid.Cli.Commands;

namespace Cuboid.Cli;

/// <summary>Builds the command tree, runs it, and turns failures into one line on stderr and an exit code.</summary>
public static class CuboidApp
{
    public static Command CreateRootCommand(CliConsole console)
    {
        // A plain Command rather than RootCommand: RootCommand names itself after the executable
        // (Cuboid.Cli), but users type `cuboid`, and help and errors should say so.
        var help = new HelpOption();
        help.Action = new HelpWithEpilog((HelpAction)help.Action!);
        var root = new Command("cuboid", "Cuboid: understand, generate and budget video AI.")
        {
            help,
            new VersionOption(),
            GlobalOptions.Verbose,
        };
        foreach (var command in Commands(console))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    // One factory per command, each in Commands/. Grouped by the library folder they front.
    private static IEnumerable<Command> Commands(CliConsole console)
    {
        // Understanding
        yield return AnalyzeCommand.Create(console);

        // Media
        yield return ProbeCommand.Create(console);
        yield return ScenesCommand.Create(console);
        yield return FramesCommand.Create(console);
        yield return KeyframesCommand.Create(console);
        yield return AudioCommand.Create(console);

        // Spacetime and Compute
        yield return TokensCommand.Create(console);
        yield return PlanCommand.Create(console);

        // Portfolio
        yield return Cli.Commands.ModelsCommand.Create(console);
        yield return Cli.Commands.AskCommand.Create(console);

        // Generation
        yield return GenerateCommand.Create(console);
        yield return ImageCommand.Create(console);
        yield return JobsCommand.Create(console);
        yield return DriftCommand.Create(console);

        // Server
        yield return ServeCommand.Create(console);
        yield return KeysCommand.Create(console);

        yield break;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(console);
        var parse = root.Parse(args);
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        if (ParseErrorMessage.HasErrors(parse))
        {
            await console.Error.WriteLineAsync($"cuboid: {ParseErrorMessage.From(parse)}");
            return ExitCodes.Usage;
        }

        // Library logs on stderr: warnings by default, debug and up with --verbose; flushed when disposed.
        using var logging = CliLogging.Create(console, verbose);
        CliLogging.Current = logging;
        try
        {
            var config = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (CuboidException ex)
        {
            await console.Error.WriteLineAsync($"cuboid: {OneLine(CliErrorMapper.Message(ex))}");
            if (verbose)
            {
                await console.Error.WriteLineAsync(ex.ToString());
            }

            return ExitCodes.For(ex.Kind);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("cuboid: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file system said no (permissions, a full disk, a read-only mount): the user's to fix, not a bug.
            await console.Error.WriteLineAsync($"cuboid: cannot read or write a file: {OneLine(ex.Message)}");
            if (verbose)
            {
                await console.Error.WriteLineAsync(ex.ToString());
            }

            return ExitCodes.Input;
        }
        catch (Exception ex)
        {
            await console.Error.WriteLineAsync(
                verbose ? $"cuboid: internal error: {ex}" : $"cuboid: internal error: {OneLine(ex.Message)} (run with --verbose for details)");
            return ExitCodes.Internal;
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
