using System.Globalization;

namespace Cuboid.Understanding;

/// <summary>Formats seconds for people (<c>mm:ss</c>, <c>h:mm:ss</c>) and for WebVTT (<c>HH:MM:SS.mmm</c>).</summary>
public static class Timecode
{
    /// <summary><c>07:05</c>, or <c>1:07:05</c> from an hour on.</summary>
    public static string Clock(double seconds)
    {
        var whole = (long)Math.Floor(Math.Max(0, seconds));
        var h = whole / 3600;
        var m = whole / 60 % 60;
        var s = whole % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m:00}:{s:00}");
    }

    /// <summary><c>01:07:05.250</c>: always hours, minutes, seconds and milliseconds, as WebVTT requires.</summary>
    public static string Vtt(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    /// <summary>Parses <c>mm:ss</c>, <c>h:mm:ss</c>, <c>hh:mm:ss.fff</c> or plain seconds; null when it is none of these.</summary>
    public static double? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().TrimStart('[').TrimEnd(']').Split(':');
        double total = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return null;
            }

            total = total * 60 + value;
        }

        return parts.Length <= 3 ? total : null;
    }
}
