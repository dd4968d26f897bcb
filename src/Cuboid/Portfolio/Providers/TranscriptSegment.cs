namespace Cuboid.Portfolio.Providers;

/// <summary>One timestamped piece of a transcript, times measured from the start of the audio.</summary>
public sealed record TranscriptSegment(int Id, TimeSpan Start, TimeSpan End, string Text);
