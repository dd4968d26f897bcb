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
            // Only 16-bit mono PCM, what AudioExtractor writes, is cut by bytes.
            if (WavLayout.TryRead(source) is not { Format: 1, Channels: 1, BitsPerSample: 16 } wav)
            {
                throw new InvalidDataException($"{sourceWav} is not a 16-bit mono PCM WAV file");
            }

            var (dataStart, sampleRate) = (wav.DataStart, wav.SampleRate);
            var dataBytes = Math.Min(wav.DataBytes, source.Length - wav.DataStart);
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
}
