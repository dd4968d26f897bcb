using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cuboid.Generation.LongForm;

namespace Cuboid.Testing.Generation;

/// <summary>
/// The image simulator's pictures: real PNGs (the library's own encoder), deterministic per prompt so tests can check
/// what arrived. The colour is the first three bytes of SHA-256 of the prompt (and of the reference image's bytes, for
/// image-to-image), darkened to half at the left edge in a horizontal gradient: <see cref="PixelAt"/> says what any
/// pixel must be, <see cref="ReadPixel"/> reads one back.
/// </summary>
public static class SimulatedImageRenderer
{
    public static byte[] Render(string prompt, int width, int height, byte[]? reference = null)
    {
        var red = new byte[width * height];
        var green = new byte[width * height];
        var blue = new byte[width * height];
        for (var x = 0; x < width; x++)
        {
            var (r, g, b) = PixelAt(prompt, x, width, reference);
            for (var y = 0; y < height; y++)
            {
                var i = (y * width) + x;
                red[i] = r;
                green[i] = g;
                blue[i] = b;
            }
        }

        return PngEncoder.Encode(new DriftPicture(width, height, red, green, blue));
    }

    /// <summary>A black PNG, what a host's safety checker returns in place of a flagged image.</summary>
    public static byte[] Black(int width, int height) =>
        PngEncoder.Encode(new DriftPicture(width, height, new byte[width * height], new byte[width * height], new byte[width * height]));

    /// <summary>The colour of the prompt (mixed with the reference image, when given).</summary>
    public static (byte R, byte G, byte B) ColorOf(string prompt, byte[]? reference = null)
    {
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(prompt), .. reference is null ? [] : SHA256.HashData(reference)]);
        return (hash[0], hash[1], hash[2]);
    }

    /// <summary>The pixel at column <paramref name="x"/> of an image <paramref name="width"/> wide (every row is the same).</summary>
    public static (byte R, byte G, byte B) PixelAt(string prompt, int x, int width, byte[]? reference = null)
    {
        var (r, g, b) = ColorOf(prompt, reference);
        var scale = 0.5 + (0.5 * x / Math.Max(1, width - 1));
        return ((byte)(r * scale), (byte)(g * scale), (byte)(b * scale));
    }

    /// <summary>Reads one pixel of a PNG this renderer wrote (8-bit RGB, one IDAT, no row filters).</summary>
    public static (byte R, byte G, byte B) ReadPixel(byte[] png, int x, int y)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                using var zlib = new ZLibStream(new MemoryStream(png, at + 8, length), CompressionMode.Decompress);
                using var raw = new MemoryStream();
                zlib.CopyTo(raw);
                var row = (3 * width) + 1;
                var offset = (y * row) + 1 + (3 * x);
                var pixels = raw.GetBuffer();
                return (pixels[offset], pixels[offset + 1], pixels[offset + 2]);
            }

            at += 12 + length;
        }

        throw new InvalidDataException("the PNG has no IDAT chunk");
    }
}
