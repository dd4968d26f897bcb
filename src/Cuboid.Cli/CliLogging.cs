using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Cuboid.Cli;

/// <summary>
/// The library's logs on stderr (Microsoft.Extensions.Logging's console logger, one line each): warnings and errors by
/// default, everything from debug up with <c>--verbose</c>. Only a console writing to the process's own stderr gets a
/// logger; a captured console (tests) gets none, so captured output never changes.
/// </summary>
internal static class CliLogging
{
    private static readonly AsyncLocal<ILoggerFactory?> CurrentFactory = new();

    /// <summary>The factory of the command running in this async flow (set by <see cref="CuboidApp.RunAsync"/>); <see cref="CliServices"/> registers it.</summary>
    public static ILoggerFactory? Current
    {
        get => CurrentFactory.Value;
        set => CurrentFactory.Value = value;
    }

    public static ILoggerFactory Create(CliConsole console, bool verbose)
    {
        if (!ReferenceEquals(console.Error, Console.Error))
        {
            return NullLoggerFactory.Instance;
        }

        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.ColorBehavior = Console.IsErrorRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
            }));
    }
}
