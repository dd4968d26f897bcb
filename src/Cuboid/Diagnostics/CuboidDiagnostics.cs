using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Cuboid.Diagnostics;

/// <summary>
/// The one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/> of
/// the library, both named <c>Cuboid</c> with the library's version. Subscribe with
/// <c>tracing.AddSource("Cuboid")</c> and <c>metrics.AddMeter("Cuboid")</c> (OpenTelemetry), an
/// <see cref="ActivityListener"/> or a <see cref="MeterListener"/>. Nothing is recorded when nobody listens.
/// </summary>
public static class CuboidDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Cuboid";

    /// <summary>The library's version (without build metadata), carried by the source and the meter.</summary>
    public static string Version { get; } = LibraryVersion();

    /// <summary>Spans of analysis stages, routed calls and their attempts, and video-generation jobs.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Counters and histograms of calls, tokens, dollars, fallbacks and durations (see <see cref="CuboidMetrics"/>).</summary>
    public static Meter Meter { get; } = new(Name, Version);

    private static string LibraryVersion()
    {
        var assembly = typeof(CuboidDiagnostics).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
