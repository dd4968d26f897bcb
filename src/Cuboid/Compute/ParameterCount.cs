using System.Globalization;

namespace Cuboid.Compute;

/// <summary>Reads model sizes as people write them: "8B", "70.6B", "1.3e9", "405000000", "500M", "1.2T".</summary>
public static class ParameterCount
{
    /// <summary>Reads a parameter count ("8B", "500M", "1.2T", "1.3e9"); anything else is a usage error.</summary>
    public static double Parse(string text)
    {
        var trimmed = (text ?? "").Trim();
        var scale = 1.0;
        if (trimmed.Length > 0)
        {
            scale = char.ToUpperInvariant(trimmed[^1]) switch
            {
                'K' => 1e3,
                'M' => 1e6,
                'B' or 'G' => 1e9,
                'T' => 1e12,
                _ => 1.0,
            };
        }

        var number = scale == 1.0 ? trimmed : trimmed[..^1];
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value > 0 && value * scale <= 1e15)
        {
            return value * scale;
        }

        throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.ParameterCount, $"parameter count '{text}' is not a positive size such as 8B, 70.6B, 500M or 1.3e9 (at most 1e15)");
    }
}
