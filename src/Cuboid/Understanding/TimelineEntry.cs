namespace Cuboid.Understanding;

/// <summary>One line of the timeline the reasoner reads: what was seen, heard or summarised at <see cref="Time"/>.</summary>
internal sealed record TimelineEntry(double Time, TimelineKind Kind, string Text, double? End = null);
