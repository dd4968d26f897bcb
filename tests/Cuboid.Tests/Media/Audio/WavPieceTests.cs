using System.Buffers.Binary;
using Cuboid.Media.Audio;

namespace Cuboid.Tests.Media.Audio;

public sealed class WavPieceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-wavpiece-").FullName;

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
