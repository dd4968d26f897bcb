namespace Cuboid.Generation.LongForm;

/// <summary>A drift gate a segment tripped, what Cuboid did about it (<c>re-rendered</c>, <c>re-anchored</c>, <c>kept</c>)
/// and the dollars that action cost.</summary>
public sealed record GateEvent(int Segment, int Take, string Gate, double Value, double Threshold, string Action, decimal Dollars);
