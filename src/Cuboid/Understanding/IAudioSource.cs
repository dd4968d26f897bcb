using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>The audio side of the media engine, as the analysis needs it.</summary>
public interface IAudioSource
{
    /// <summary>Writes 16 kHz mono WAV of the whole file or of <paramref name="range"/>; false when the file has no audio.</summary>
    Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken);

    /// <summary>Where speech is heard in a WAV file (seconds from its start), in order.</summary>
    Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken);
}
