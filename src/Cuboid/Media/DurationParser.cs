using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid.Media;

/// <summary>
/// Parses the durations people type on a command line: <c>5s</c>, <c>500ms</c>, <c>1m30s</c>, <c>1h2m</c>,
/// <c>12.5</c> (plain seconds) and <c>00:01:30.5</c> (clock form). A bad value is a usage error naming it.
/// </summary>
internal static partial class DurationParser
{
    /// <summary>Parses <paramref name="text"/> or throws <see cref="CuboidException"/> (usage).</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Duration, $"'{text}' is not a duration; use e.g. 5s, 500ms, 1m30s or 12.5 (seconds)");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return TrySeconds(plainSeconds, out value);
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TryParseClock(trimmed, out value);
        }

        var match = UnitsPattern().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        double seconds = 0;
        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var part = PartPattern().Match(capture.Value);
            var number = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            seconds += part.Groups["u"].Value.ToLowerInvariant() switch
            {
                "h" => number * 3600,
                "m" or "min" => number * 60,
                "s" => number,
                "ms" => number / 1000,
                _ => double.NaN,
            };
        }

        return TrySeconds(seconds, out value);
    }

    /// <summary>Parses a comma-separated list such as <c>12.5,40,1m</c>.</summary>
    public static IReadOnlyList<TimeSpan> ParseList(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    private static bool TryParseClock(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        double seconds = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
            {
                return false;
            }

            seconds = (seconds * 60) + number;
        }

        return TrySeconds(seconds, out value);
    }

    private static bool TrySeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?\s*(?:ms|min|h|m|s))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?<u>ms|min|h|m|s)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
