using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>An audio source that cuts a transcription piece out of the whole-track WAV it extracted, rather than decoding the video again.</summary>
internal interface IAudioPieceSource
{
    /// <summary>Writes <paramref name="range"/> (seconds from the start) of <paramref name="wholeWavPath"/> to <paramref name="wavPath"/>.</summary>
    Task CutAsync(string wholeWavPath, TimeRange range, string wavPath, CancellationToken cancellationToken);
}
