using System.Buffers.Binary;

namespace Cuboid.Media.Audio;

/// <summary>
/// Writes 16-bit PCM mono as a canonical 44-byte-header WAV file, atomically: samples go to a temp file
/// beside the target and <see cref="Commit"/> fixes the header sizes and moves it into place.
/// </summary>
internal sealed class WavWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _target;
    private readonly string _temp;
    private long _dataBytes;
    private bool _committed;

    public WavWriter(string target, int sampleRate)
    {
        _target = Path.GetFullPath(target);
        if (Directory.Exists(_target))
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputPath, $"{target} is a folder; give a .wav file name");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_target)!);
        _temp = Path.Combine(Path.GetDirectoryName(_target)!, $".{Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _stream.Write(Header(sampleRate, 0));
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    public void Write(ReadOnlySpan<byte> littleEndianSamples)
    {
        _stream.Write(littleEndianSamples);
        _dataBytes += littleEndianSamples.Length;
    }

    public string Commit()
    {
        _stream.Position = 0;
        _stream.Write(Header(SampleRate, _dataBytes));
        _stream.Dispose();
        File.Move(_temp, _target, overwrite: true);
        _committed = true;
        return _target;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_committed)
        {
            File.Delete(_temp);
        }
    }

    private static byte[] Header(int sampleRate, long dataBytes)
    {
        const short channels = 1, bitsPerSample = 16;
        var header = new byte[44];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)Math.Min(uint.MaxValue, 36 + dataBytes));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * bitsPerSample / 8);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], channels * bitsPerSample / 8);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)Math.Min(uint.MaxValue, dataBytes));
        return header;
    }
}
