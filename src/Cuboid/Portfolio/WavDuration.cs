using System.Buffers.Binary;

namespace Cuboid.Portfolio;

/// <summary>Reads the length of a RIFF/WAVE stream from its header (fmt byte rate and data size).</summary>
internal static class WavDuration
{
    public static double? TryRead(Stream stream)
    {
        var start = stream.Position;
        try
        {
            Span<byte> header = stackalloc byte[12];
            if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12
                || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            {
                return null;
            }

            int? byteRate = null;
            Span<byte> chunk = stackalloc byte[8];
            Span<byte> fmt = stackalloc byte[16];
            while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
                if (chunk[..4].SequenceEqual("fmt "u8))
                {
                    if (size < 16 || stream.ReadAtLeast(fmt, 16, throwOnEndOfStream: false) < 16)
                    {
                        return null;
                    }

                    byteRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[8..]);
                    stream.Seek(size - 16 + (size % 2), SeekOrigin.Current);
                }
                else if (chunk[..4].SequenceEqual("data"u8))
                {
                    // Streamed WAVs write 0 or 0xFFFFFFFF as the size: then the rest of the stream is the data.
                    var dataBytes = size is 0 or uint.MaxValue ? stream.Length - stream.Position : size;
                    return byteRate is > 0 ? dataBytes / (double)byteRate : null;
                }
                else
                {
                    stream.Seek(size + (size % 2), SeekOrigin.Current);
                }
            }

            return null;
        }
        finally
        {
            stream.Position = start;
        }
    }
}
