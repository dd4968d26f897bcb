using System.Buffers.Binary;

namespace Cuboid.Media.Audio;

/// <summary>
/// Cuts a time range out of a 16-bit mono PCM WAV file that <see cref="AudioExtractor"/> wrote, by copying the range's
/// bytes into a new WAV: no decode, so a long video's audio is decoded once however many pieces it is sent in.
/// </summary>
internal static class WavPiece
{
    private const int BytesPerSample = 2;

    /// <summary>Writes samples [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="sourceWav"/> to <paramref name="targetWav"/>; the range is clipped to the audio there is.</summary>
    /// <returns>How much audio the piece holds.</returns>
    public static async Task<TimeSpan> CutAsync(string sourceWav, TimeSpan from, TimeSpan to, string targetWav, CancellationToken cancellationToken)
    {
        var source = new FileStream(sourceWav, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            var (dataStart, dataBytes, sampleRate) = await DataChunkAsync(source, sourceWav, cancellationToken).ConfigureAwait(false);
            var samples = dataBytes / BytesPerSample;
            var first = Math.Clamp((long)Math.Round(from.TotalSeconds * sampleRate), 0, samples);
            var end = Math.Clamp((long)Math.Round(to.TotalSeconds * sampleRate), first, samples);
            source.Position = dataStart + first * BytesPerSample;
            using var target = new WavWriter(targetWav, sampleRate);
            var buffer = new byte[1 << 16];
            var remaining = (end - first) * BytesPerSample;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException($"{sourceWav} ends inside its data chunk");
                }

                target.Write(buffer.AsSpan(0, read));
                remaining -= read;
            }

            target.Commit();
            return TimeSpan.FromSeconds((double)(end - first) / sampleRate);
        }
    }

    // Walks the RIFF chunks to the data chunk; only 16-bit mono PCM (what AudioExtractor writes) is accepted.
    private static async Task<(long Start, long Bytes, int SampleRate)> DataChunkAsync(FileStream stream, string path, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file");
        }

        int? sampleRate = null;
        var chunk = new byte[8];
        while (true)
        {
            await stream.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                var format = new byte[size];
                await stream.ReadExactlyAsync(format, cancellationToken).ConfigureAwait(false);
                if (size < 16 || BinaryPrimitives.ReadInt16LittleEndian(format) != 1 || BinaryPrimitives.ReadInt16LittleEndian(format.AsSpan(2)) != 1 || BinaryPrimitives.ReadInt16LittleEndian(format.AsSpan(14)) != 16)
                {
                    throw new InvalidDataException($"{path} is not 16-bit mono PCM");
                }

                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(format.AsSpan(4));
                stream.Seek(size % 2, SeekOrigin.Current);
            }
            else if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                var available = stream.Length - stream.Position;
                var bytes = size is 0 or uint.MaxValue ? available : Math.Min(size, available);
                return (stream.Position, bytes, sampleRate ?? throw new InvalidDataException($"{path} has no fmt chunk before its data"));
            }
            else
            {
                stream.Seek(size + (size % 2), SeekOrigin.Current);
            }
        }
    }
}
