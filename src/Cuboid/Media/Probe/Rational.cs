using System.Globalization;

namespace Cuboid.Media.Probe;

/// <summary>An exact ratio as ffprobe reports it (frame rates <c>30000/1001</c>, aspect ratios <c>16:9</c>).</summary>
public readonly record struct Rational(long Numerator, long Denominator)
{
    /// <summary>The ratio as a number; NaN when the denominator is 0.</summary>
    public double Value => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    /// <summary>Whether both numerator and denominator are positive (ffprobe writes 0/0 for unknown).</summary>
    public bool IsValid => Numerator > 0 && Denominator > 0;

    /// <summary>Parses <c>a/b</c> or <c>a:b</c>; returns null for missing or undefined values such as <c>0/0</c> or <c>N/A</c>.</summary>
    public static Rational? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split('/', ':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var numerator)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var denominator))
        {
            return null;
        }

        var rational = new Rational(numerator, denominator);
        return rational.IsValid ? rational : null;
    }

    /// <summary>The ratio as ffprobe writes it, e.g. <c>30000/1001</c>.</summary>
    public override string ToString() => $"{Numerator}/{Denominator}";
}
