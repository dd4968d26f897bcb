using Spectre.Console;

namespace Cuboid.Cli;

/// <summary>
/// Where a command writes. Tests pass string writers; the real program passes the process's streams.
/// <see cref="Interactive"/> is false when stdout is not a terminal, which turns progress bars into plain lines.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    private IAnsiConsole? _ansi;

    /// <summary>Spectre.Console rendering onto <see cref="Out"/> (tables, progress).</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    // Piped output has no terminal width; Spectre would assume 80 columns and break words in tables.
    private const int PipedWidth = 200;

    private IAnsiConsole CreateAnsi()
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!Interactive)
        {
            ansi.Profile.Width = PipedWidth;
        }

        return ansi;
    }

    public static CliConsole System { get; } = new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>A console that captures everything, for tests.</summary>
    public static CliConsole Capture(out StringWriter output, out StringWriter error)
    {
        output = new StringWriter();
        error = new StringWriter();
        return new CliConsole(output, error, Interactive: false);
    }
}
