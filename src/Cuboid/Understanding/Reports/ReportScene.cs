namespace Cuboid.Understanding.Reports;

/// <summary>A shot between two boundaries; <see cref="StartKind"/> says how it began (<c>start</c>, <c>cut</c>, <c>fade</c>).</summary>
public sealed record ReportScene(int Index, double Start, double End, string StartKind);
