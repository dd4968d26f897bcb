namespace Cuboid.Understanding.Reports;

/// <summary>One stretch of speech with its start and end in seconds from the start of the video.</summary>
public sealed record TranscriptSegment(double Start, double End, string Text);
