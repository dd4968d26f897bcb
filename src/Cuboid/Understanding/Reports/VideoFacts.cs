namespace Cuboid.Understanding.Reports;

/// <summary>The facts about the video that the report quotes.</summary>
public sealed record VideoFacts(
    double DurationSeconds,
    int Width,
    int Height,
    double FrameRate,
    string? VideoCodec,
    bool HasAudio,
    string? AudioCodec = null,
    string? Container = null);
