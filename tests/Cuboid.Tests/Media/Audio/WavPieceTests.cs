using System.Buffers.Binary;
using Cuboid.Media.Audio;

namespace Cuboid.Tests.Media.Audio;

public sealed class WavPieceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-wavpiece-").FullName;

    [Fact]
    public async Task A_file_that_is_not_16_bit_mono_pcm_is_refused_and_nothing_is_written()
    {
        var stereo = Path.Combine(_folder, "stereo.wav");
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + 8);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), 2);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), 64000);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), 4);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), 8);
        await File.WriteAllBytesAsync(stereo, [.. header, .. new byte[8]]);
        var notWav = Path.Combine(_folder, "text.wav");
        await File.WriteAllTextAsync(notWav, "not a wav file at all");
        var target = Path.Combine(_folder, "piece.wav");

        await Assert.ThrowsAsync<InvalidDataException>(() => WavPiece.CutAsync(stereo, TimeSpan.Zero, TimeSpan.FromSeconds(1), target, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => WavPiece.CutAsync(notWav, TimeSpan.Zero, TimeSpan.FromSeconds(1), target, CancellationToken.None));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_piece_holds_exactly_the_samples_of_its_range_and_stops_where_the_audio_does()
    {
        // 3 s at 16 kHz where sample i holds i (mod 2^15): any shift or loss shows in the values.
        var source = Path.Combine(_folder, "whole.wav");
        using (var writer = new WavWriter(source, 16000))
        {
            var samples = new byte[3 * 16000 * 2];
            for (var i = 0; i < samples.Length / 2; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(samples.AsSpan(2 * i), (short)(i % 32768));
            }

            writer.Write(samples);
            writer.Commit();
        }

        var middle = Path.Combine(_folder, "middle.wav");
        var tail = Path.Combine(_folder, "tail.wav");
        var middleLength = await WavPiece.CutAsync(source, TimeSpan.FromSeconds(1.25), TimeSpan.FromSeconds(2), middle, CancellationToken.None);
        var tailLength = await WavPiece.CutAsync(source, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(9), tail, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(0.75), middleLength);
        Assert.Equal(TimeSpan.FromSeconds(0.5), tailLength);
        var bytes = await File.ReadAllBytesAsync(middle);
        Assert.Equal(44 + 12000 * 2, bytes.Length);
        Assert.Equal(12000 * 2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(20000, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44)));
        Assert.Equal(20000 + 11999, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(bytes.Length - 2)));
        Assert.Equal(44 + 8000 * 2, new FileInfo(tail).Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
