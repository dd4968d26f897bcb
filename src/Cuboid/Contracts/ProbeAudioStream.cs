using Cuboid.Media.Probe;

namespace Cuboid.Contracts;

/// <summary>One entry of <c>audio</c> in <see cref="ProbeDocument"/>.</summary>
public sealed record ProbeAudioStream(int Index, string Codec, int SampleRate, int Channels, string? ChannelLayout, long? BitRate)
{
    /// <summary>The document for one probed audio stream.</summary>
    public static ProbeAudioStream From(AudioStreamInfo audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return new(audio.Index, audio.Codec, audio.SampleRate, audio.Channels, audio.ChannelLayout, audio.BitRate);
    }
}
