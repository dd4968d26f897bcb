using System.Globalization;

namespace Cuboid.Spacetime;

/// <summary>A picture size in pixels, written width × height ("1280x720"), as token-count and plan options take it.</summary>
public readonly record struct PixelSize(int Width, int Height)
{
    /// <summary>Parses "1280x720" (also "1280×720" or "1280X720"); anything else is a usage error.</summary>
    public static PixelSize Parse(string text)
    {
        var parts = (text ?? "").Trim().Split(['x', 'X', '×'], 2);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var height))
        {
            if (width <= 0 || height <= 0)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Size, $"size '{text}' must have a positive width and height");
            }

            return new PixelSize(width, height);
        }

        throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Size, $"size '{text}' is not WIDTHxHEIGHT in pixels, e.g. 1280x720");
    }

    /// <summary>The size as <c>WIDTHxHEIGHT</c>, e.g. <c>1280x720</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
