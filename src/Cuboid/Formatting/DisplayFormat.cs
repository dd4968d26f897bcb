using System.Globalization;

namespace Cuboid.Formatting;

/// <summary>
/// The one way Cuboid writes numbers for people, in the HTML report, report.md and the terminal alike
/// (invariant culture): thousands separators, dollars to three significant digits below $1 and to the cent
/// above ("$0.0135", "$0.40", "$1.24"), durations in words ("6.2 s", "1 min 23 s"), plurals that agree with
/// their count, and never more decimals than the quantity deserves (no "82.9599999").
/// </summary>
internal static class DisplayFormat
{
    /// <summary>"7", "2,000".</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 frame", "2,000 frames"; <paramref name="plural"/> defaults to the singular plus "s".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        $"{Count(count)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>A plain number with at most <paramref name="decimals"/> decimals and thousands separators: "82.96", "1,234".</summary>
    public static string Number(double value, int decimals = 2)
    {
        if (!double.IsFinite(value))
        {
            return "—";
        }

        var format = decimals <= 0 ? "#,0" : "#,0." + new string('#', decimals);
        var text = Math.Round(value, Math.Clamp(decimals, 0, 15), MidpointRounding.AwayFromZero).ToString(format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// US dollars: "$0" for nothing, cents from $1 up ("$1.24", "$1,234.50"), and three significant digits below, with
    /// at least two decimals ("$0.40", "$0.0135", "$0.00123"), so small costs never round to zero and never show noise.
    /// </summary>
    public static string Dollars(decimal usd)
    {
        if (usd == 0)
        {
            return "$0";
        }

        var sign = usd < 0 ? "-" : string.Empty;
        var amount = Math.Abs(usd);
        if (amount >= 1)
        {
            return sign + "$" + Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);
        }

        var places = Math.Clamp(2 - (int)Math.Floor(Math.Log10((double)amount)), 2, 20);
        var rounded = Math.Round(amount, places, MidpointRounding.AwayFromZero);
        if (rounded >= 1)
        {
            return sign + "$1.00";
        }

        return sign + "$" + rounded.ToString("0.00" + new string('#', places - 2), CultureInfo.InvariantCulture);
    }

    public static string Dollars(double usd) =>
        double.IsFinite(usd) && Math.Abs(usd) < 7.9e27 ? Dollars((decimal)usd) : "—";

    /// <summary>"0.4 s", "6.2 s", "42 s", "1 min 23 s", "2 min", "1 h 5 min": a length in words, not a clock reading.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "—";
        }

        if (seconds < 9.95)
        {
            return Number(seconds, 1) + " s";
        }

        var whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        if (whole < 60)
        {
            return $"{whole} s";
        }

        if (whole < 3600)
        {
            return whole % 60 == 0 ? $"{whole / 60} min" : $"{whole / 60} min {whole % 60} s";
        }

        var minutes = (long)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);
        return minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }

    /// <summary>How many times larger: "12×", "1.5×", "0.42×", "1,234×".</summary>
    public static string Ratio(double ratio) => ratio switch
    {
        >= 100 => Number(ratio, 0) + "×",
        >= 10 => Number(ratio, 1) + "×",
        _ => Number(ratio, 2) + "×",
    };

    /// <summary>A share as a whole percentage: "72%" (one decimal below 10 %: "4.5%").</summary>
    public static string Percent(double share) => Number(share * 100, Math.Abs(share) < 0.1 ? 1 : 0) + "%";
}
