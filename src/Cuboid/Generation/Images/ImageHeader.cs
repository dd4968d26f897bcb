using System.Buffers.Binary;

namespace Cuboid.Generation.Images;

/// <summary>The pixel size written in a PNG or JPEG header, read without decoding, so an image is billed at the size delivered.</summary>
internal static class ImageHeader
{
    public static VideoSize? Size(ReadOnlySpan<byte> bytes)
    {
        // PNG: signature, then the IHDR chunk with width and height as big-endian ints.
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Sized(BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
        }

        return bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? JpegSize(bytes) : null;
    }

    // Walk the JPEG segments to the first start-of-frame marker (C0-CF except C4, C8, CC), which holds height and width.
    private static VideoSize? JpegSize(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 9 < bytes.Length && bytes[at] == 0xFF)
        {
            var marker = bytes[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Sized(BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]));
            }

            at += 2 + length;
        }

        return null;
    }

    private static VideoSize? Sized(int width, int height) => width > 0 && height > 0 ? new VideoSize(width, height) : null;
}
