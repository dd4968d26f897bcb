using Cuboid.Media.Probe;

namespace Cuboid.Media.Audio;

/// <summary>
/// The outcome of <see cref="AudioExtractor.ExtractAsync"/>. A file without audio is a fact, not an
/// error: <see cref="HasAudio"/> is false, nothing is written and the lists are empty.
/// </summary>
/// <param name="HasAudio">False when the file has no audio stream.</param>
/// <param name="WavPath">The 16 kHz mono 16-bit WAV written, when one was asked for.</param>
/// <param name="From">Where the extracted audio starts, in seconds from the start of the file.</param>
/// <param name="Duration">How much audio was extracted.</param>
/// <param name="SampleRate">Samples per second of the extracted audio (16000).</param>
/// <param name="Activity">Intervals with sound (speech, music), in file time.</param>
/// <param name="Silences">The gaps between them within the extracted range, in file time.</param>
/// <param name="Warnings">Problems ffmpeg reported while decoding.</param>
public sealed record AudioExtraction(
    bool HasAudio,
    string? WavPath,
    TimeSpan From,
    TimeSpan Duration,
    int SampleRate,
    IReadOnlyList<AudioInterval> Activity,
    IReadOnlyList<AudioInterval> Silences,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Set when the file ends before its header says; the audio then stops where its data does.</summary>
    public Truncation? Truncation { get; init; }

    /// <summary>The extraction of a file with no audio stream: no WAV, no activity, starting at <paramref name="from"/>.</summary>
    public static AudioExtraction NoAudio(TimeSpan from) => new(false, null, from, TimeSpan.Zero, AudioExtractor.SampleRate, [], [], []);
}
