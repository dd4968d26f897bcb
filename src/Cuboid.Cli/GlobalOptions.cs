using System.CommandLine;

namespace Cuboid.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of failures, including stack traces",
        Recursive = true,
    };
}
