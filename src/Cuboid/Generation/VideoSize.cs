using System.Globalization;

namespace Cuboid.Generation;

/// <summary>A frame size in pixels, written <c>1280x720</c>.</summary>
public readonly record struct VideoSize(int Width, int Height)
{
    /// <summary><c>WIDTHxHEIGHT</c>, e.g. <c>1280x720</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");

    /// <summary>The short side as a resolution name (<c>720p</c> for 1280x720 and for 720x1280).</summary>
    public string Resolution => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(Width, Height)}p");

    /// <summary>The size written <c>WIDTHxHEIGHT</c> (<c>1280x720</c>); a usage error for anything else.</summary>
    public static VideoSize Parse(string text) =>
        TryParse(text, out var size) ? size : throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Size, $"size '{text}' is not WIDTHxHEIGHT (e.g. 1280x720)");

    /// <summary>Reads <c>WIDTHxHEIGHT</c> (also <c>W:H</c>), each side 2 to 16384; false for anything else.</summary>
    public static bool TryParse(string? text, out VideoSize size)
    {
        size = default;
        var parts = text?.Split('x', 'X', ':');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || w is < 2 or > 16384 || h is < 2 or > 16384)
        {
            return false;
        }

        size = new VideoSize(w, h);
        return true;
    }

    /// <summary>
    /// The size of a named resolution (<c>720p</c>, <c>1080p</c>, <c>4k</c>) at an aspect ratio (<c>16:9</c>): the short
    /// side is the resolution, the long side follows the ratio rounded to an even number.
    /// </summary>
    public static VideoSize FromResolution(string resolution, string aspectRatio)
    {
        var shortSide = ShortSide(resolution) ?? throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Resolution, $"resolution '{resolution}' is not one of 360p, 480p, 540p, 720p, 768p, 1080p, 1440p, 4k");
        var ratio = aspectRatio.Split(':');
        if (ratio.Length != 2 || !double.TryParse(ratio[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var aw)
            || !double.TryParse(ratio[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ah) || aw <= 0 || ah <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.AspectRatio, $"aspect ratio '{aspectRatio}' is not W:H (e.g. 16:9)");
        }

        var longSide = (int)(Math.Round(shortSide * Math.Max(aw, ah) / Math.Min(aw, ah) / 2) * 2);
        return aw >= ah ? new VideoSize(longSide, shortSide) : new VideoSize(shortSide, longSide);
    }

    /// <summary>The aspect ratio reduced to small integers (<c>16:9</c>); empty for a size not set (<c>0x0</c>).</summary>
    public string AspectRatio
    {
        get
        {
            if (Width <= 0 || Height <= 0)
            {
                return string.Empty;
            }

            var gcd = Gcd(Width, Height);
            var (w, h) = (Width / gcd, Height / gcd);
            // 854x480 and friends are 16:9 in everything but arithmetic.
            var ratio = (double)Width / Height;
            foreach (var (name, value) in KnownRatios)
            {
                if (Math.Abs(ratio - value) < 0.01)
                {
                    return name;
                }
            }

            return string.Create(CultureInfo.InvariantCulture, $"{w}:{h}");
        }
    }

    private static readonly (string Name, double Value)[] KnownRatios =
        [("16:9", 16.0 / 9), ("9:16", 9.0 / 16), ("1:1", 1), ("4:3", 4.0 / 3), ("3:4", 3.0 / 4), ("21:9", 21.0 / 9), ("9:21", 9.0 / 21), ("3:2", 1.5), ("2:3", 2.0 / 3)];

    private static int? ShortSide(string resolution) => resolution.ToLowerInvariant() switch
    {
        "4k" or "2160p" => 2160,
        "2k" or "1440p" => 1440,
        var r when r.EndsWith('p') && int.TryParse(r[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side is >= 90 and <= 4320 => side,
        _ => null,
    };

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
