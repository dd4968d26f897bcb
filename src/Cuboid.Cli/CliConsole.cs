using System.Globalization;
using Spectre.Console;

namespace Cuboid.Cli;

/// <summary>
/// Where a command writes. Tests pass string writers; the real program passes the process's streams.
/// <see cref="Interactive"/> is false when stdout is not a terminal, which turns progress bars into plain lines.
/// <see cref="Width"/> is the columns tables must fit: the terminal's, or <c>COLUMNS</c> when piped (null: no limit).
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    private IAnsiConsole? _ansi;

    public int? Width { get; init; }

    /// <summary>Spectre.Console rendering onto <see cref="Out"/> (tables, progress).</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    // Piped output without COLUMNS has no width; Spectre would assume 80 columns and break words.
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
        if (Width is { } width)
        {
            ansi.Profile.Width = width;
        }
        else if (!Interactive)
        {
            ansi.Profile.Width = PipedWidth;
        }

        return ansi;
    }

    public static CliConsole System { get; } = new(Console.Out, Console.Error, !Console.IsOutputRedirected)
    {
        Width = Console.IsOutputRedirected ? ColumnsVariable(Environment.GetEnvironmentVariable("COLUMNS")) : TerminalWidth(),
    };

    /// <summary>A console that captures everything, for tests; <paramref name="width"/> acts as <c>COLUMNS</c>.</summary>
    public static CliConsole Capture(out StringWriter output, out StringWriter error, int? width = null)
    {
        output = new StringWriter();
        error = new StringWriter();
        return new CliConsole(output, error, Interactive: false) { Width = width };
    }

    /// <summary>The <c>COLUMNS</c> variable as a width, or null when it is unset or not a sensible number.</summary>
    public static int? ColumnsVariable(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns is >= 20 and <= 1000 ? columns : null;

    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
