namespace Cuboid.Media.Probe;

/// <summary>The facts about one audio stream.</summary>
/// <param name="Index">The stream index in the container.</param>
/// <param name="Codec">ffmpeg's codec name: <c>aac</c>, <c>opus</c>, <c>mp3</c>...</param>
/// <param name="SampleRate">Samples per second, e.g. 48000.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="ChannelLayout">ffmpeg's layout name (<c>mono</c>, <c>stereo</c>) when known.</param>
/// <param name="BitRate">Bits per second when known.</param>
public sealed record AudioStreamInfo(int Index, string Codec, int SampleRate, int Channels, string? ChannelLayout, long? BitRate)
{
    /// <summary>Where the container says the stream ends, in presentation time (not counted from the file's start);
    /// null when it does not say. See <see cref="StreamEnd"/>.</summary>
    public TimeSpan? DeclaredEnd { get; init; }
}
