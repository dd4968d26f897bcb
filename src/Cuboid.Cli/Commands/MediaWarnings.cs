namespace Cuboid.Cli.Commands;

/// <summary>Prints decoding warnings (the run succeeded anyway) to stderr, briefly.</summary>
internal static class MediaWarnings
{
    private const int Shown = 3;

    public static async Task WriteAsync(CliConsole console, IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings.Take(Shown))
        {
            await console.Error.WriteLineAsync($"cuboid: warning: {warning}");
        }

        if (warnings.Count > Shown)
        {
            await console.Error.WriteLineAsync($"cuboid: warning: ... {warnings.Count - Shown} more (use --json to see all)");
        }
    }
}
