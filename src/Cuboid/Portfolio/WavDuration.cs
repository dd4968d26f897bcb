using Cuboid.Media.Audio;

namespace Cuboid.Portfolio;

/// <summary>Reads the length of a RIFF/WAVE stream from its header (fmt byte rate and data size).</summary>
internal static class WavDuration
{
    public static double? TryRead(Stream stream)
    {
        var start = stream.Position;
        try
        {
            return WavLayout.TryRead(stream) is { ByteRate: > 0 } wav ? wav.DataBytes / (double)wav.ByteRate : null;
        }
        finally
        {
            stream.Position = start;
        }
    }
}
