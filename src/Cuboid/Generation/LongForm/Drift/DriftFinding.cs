namespace Cuboid.Generation.LongForm;

/// <summary>A defect the drift metrics point at, in words.</summary>
/// <param name="Kind">One of <see cref="DriftFindingKinds"/>.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Segment">The segment it starts in, when it has one.</param>
/// <param name="Time">The time it is seen at (s), when it has one.</param>
public sealed record DriftFinding(string Kind, string Message, int? Segment = null, double? Time = null);
