using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Cuboid.Cli;

/// <summary>
/// The standard help, followed by a command's epilog when it has one (how to configure it, examples, exit codes):
/// System.CommandLine's help lists options but has no place for prose after them.
/// </summary>
public sealed class HelpWithEpilog(HelpAction standard) : SynchronousCommandLineAction
{
    private static readonly ConditionalWeakTable<Command, string> Epilogs = [];

    /// <summary>Text printed after <paramref name="command"/>'s options in its help.</summary>
    public static void Set(Command command, string epilog) => Epilogs.AddOrUpdate(command, epilog);

    // As the standard help does: `route --help` shows help even though --task, which is required, is missing.
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var result = standard.Invoke(parseResult);
        if (Epilogs.TryGetValue(parseResult.CommandResult.Command, out var epilog))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(epilog.TrimEnd());
            output.WriteLine();
        }

        return result;
    }
}
