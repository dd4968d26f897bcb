namespace Cuboid.Generation.LongForm;

/// <summary>One segment as planned: its shot, the route the job engine would try first and that render's estimated price
/// (null when no route can make it; <see cref="Why"/> says why).</summary>
public sealed record SegmentPlan(int Index, StoryboardShot Shot, string? Model, string? Route, decimal? Dollars, string? Why);
