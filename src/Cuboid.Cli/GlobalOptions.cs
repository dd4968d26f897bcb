using System.CommandLine;

namespace Cuboid.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show the library's logs on stderr (routing, fallbacks, stages, cache hits) and details of failures, including stack traces",
        Recursive = true,
    };
}
