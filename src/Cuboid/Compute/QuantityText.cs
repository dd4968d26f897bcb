using System.Globalization;
using Cuboid.Formatting;

namespace Cuboid.Compute;

/// <summary>Human-readable FLOPs, bytes, durations and ratios for tables (invariant culture).</summary>
internal static class QuantityText
{
    public static string Flops(double flops) => Scaled(flops, "FLOP");

    /// <summary>Three significant digits, for narrow columns: "652 PFLOP".</summary>
    public static string FlopsShort(double flops) => Scaled(flops, "FLOP", "G3");

    public static string Bytes(double bytes) => Scaled(bytes, "B");

    public static string Seconds(double seconds) => seconds switch
    {
        < 1e-3 => Invariant($"{seconds * 1e6:0.#} µs"),
        < 1 => Invariant($"{seconds * 1e3:0.##} ms"),
        < 120 => Invariant($"{seconds:0.##} s"),
        < 7200 => Invariant($"{seconds:N0} s ({seconds / 60:0.#} min)"),
        _ => Invariant($"{seconds:N0} s ({seconds / 3600:0.#} h)"),
    };

    /// <summary>One unit, for narrow columns: "7.21 ms", "4.68 s", "24.4 min", "24.7 h".</summary>
    public static string SecondsShort(double seconds) => seconds switch
    {
        < 1 => Invariant($"{seconds * 1e3:0.##} ms"),
        < 120 => Invariant($"{seconds:0.##} s"),
        < 7200 => Invariant($"{seconds / 60:0.#} min"),
        _ => Invariant($"{seconds / 3600:0.#} h"),
    };

    public static string Ratio(double ratio) => ratio switch
    {
        >= 1e6 => Invariant($"{ratio / 1e6:0.##}M×"),
        >= 1e4 => Invariant($"{ratio / 1e3:0.#}k×"),
        >= 100 => Invariant($"{ratio:N0}×"),
        >= 10 => Invariant($"{ratio:0.#}×"),
        _ => Invariant($"{ratio:0.##}×"),
    };

    public static string Number(double value) => value switch
    {
        >= 1e6 => Invariant($"{value:0.###e0}"),
        >= 100 => Invariant($"{value:N0}"),
        _ => Invariant($"{value:0.##}"),
    };

    /// <summary>A share as a whole percentage without a space, as the docs write it: "72%".</summary>
    public static string Percent(double share) => Invariant($"{share * 100:0}%");

    /// <summary>Three significant digits in plain notation, so small values never print as 0: "0.407", "0.000002".</summary>
    public static string Significant(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var places = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return value.ToString(places == 0 ? "N0" : "#,0." + new string('#', places), CultureInfo.InvariantCulture);
    }

    /// <summary>US dollars by the one rule of <see cref="DisplayFormat.Dollars(double)"/>: "$1.02", "$0.40", "$0.00501".</summary>
    public static string Dollars(double usd) => DisplayFormat.Dollars(usd);

    private static string Scaled(double value, string unit, string format = "0.###")
    {
        string[] prefixes = ["", "k", "M", "G", "T", "P", "E", "Z", "Y"];
        var index = 0;
        while (Math.Abs(value) >= 1000 && index < prefixes.Length - 1)
        {
            value /= 1000;
            index++;
        }

        return $"{value.ToString(format, CultureInfo.InvariantCulture)} {prefixes[index]}{unit}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
