namespace Cuboid.Testing.Simulators;

/// <summary>
/// What a responder answers. Token counts default to the simulator's deterministic estimate
/// (see <see cref="SimulatedUsage"/>); set them to force exact numbers.
/// </summary>
public sealed record SimulatedReply(string Text)
{
    /// <summary>Transcription, and chat with audio input: timestamped segments (default: the audio split into equal parts).</summary>
    public IReadOnlyList<SimulatedSegment>? Segments { get; init; }

    /// <summary>Transcription: the detected language.</summary>
    public string Language { get; init; } = "english";

    /// <summary>Transcription: the audio duration in seconds (default: read from the WAV header).</summary>
    public double? DurationSeconds { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    /// <summary>Extra wait before this answer, on top of the simulator's latency.</summary>
    public TimeSpan Delay { get; init; }

    public static SimulatedReply FromText(string text) => new(text);

    public static implicit operator SimulatedReply(string text) => new(text);
}
