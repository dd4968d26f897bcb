using Cuboid.Media.Audio;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>An audio source that cuts a transcription piece out of the whole-track WAV it extracted, rather than decoding the video again.</summary>
internal interface IAudioPieceSource
{
    /// <summary>Writes <paramref name="range"/> (seconds from the start) of <paramref name="wholeWavPath"/> to <paramref name="wavPath"/>.</summary>
    Task CutAsync(string wholeWavPath, TimeRange range, string wavPath, CancellationToken cancellationToken);

    /// <summary>The one way pieces are cut (every piece source delegates here, so a replayed pass cuts the same bytes).</summary>
    static Task CutFromWavAsync(string wholeWavPath, TimeRange range, string wavPath, CancellationToken cancellationToken) =>
        WavPiece.CutAsync(wholeWavPath, TimeSpan.FromSeconds(range.Start), TimeSpan.FromSeconds(range.End), wavPath, cancellationToken);
}
