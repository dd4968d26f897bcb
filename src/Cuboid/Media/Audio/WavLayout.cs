using System.Buffers.Binary;

namespace Cuboid.Media.Audio;

/// <summary>Where a RIFF/WAVE stream's samples are and how they are laid out, read from its chunks without reading the samples.</summary>
/// <param name="Format">The fmt chunk's format tag (1 is PCM).</param>
/// <param name="Channels">Channels per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="ByteRate">Bytes per second.</param>
/// <param name="BitsPerSample">Bits per sample.</param>
/// <param name="DataStart">The stream position of the first sample.</param>
/// <param name="DataBytes">The data chunk's size as declared, or the rest of the stream when a streamed WAV wrote 0 or 0xFFFFFFFF.</param>
internal readonly record struct WavLayout(int Format, int Channels, int SampleRate, int ByteRate, int BitsPerSample, long DataStart, long DataBytes)
{
    /// <summary>Walks the chunks from the stream's position to the data chunk, leaving the stream at its first sample;
    /// null when the stream is not a WAV with a fmt chunk before its data.</summary>
    public static WavLayout? TryRead(Stream stream)
    {
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12
            || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        var fmtSeen = false;
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || stream.ReadAtLeast(fmt, 16, throwOnEndOfStream: false) < 16)
                {
                    return null;
                }

                fmtSeen = true;
                stream.Seek(size - 16 + (size % 2), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (!fmtSeen)
                {
                    return null;
                }

                var dataBytes = size is 0 or uint.MaxValue ? stream.Length - stream.Position : size;
                return new WavLayout(
                    BinaryPrimitives.ReadInt16LittleEndian(fmt),
                    BinaryPrimitives.ReadInt16LittleEndian(fmt[2..]),
                    BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(fmt[8..]),
                    BinaryPrimitives.ReadInt16LittleEndian(fmt[14..]),
                    stream.Position,
                    dataBytes);
            }
            else
            {
                stream.Seek(size + (size % 2), SeekOrigin.Current);
            }
        }

        return null;
    }
}
