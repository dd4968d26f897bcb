namespace Cuboid.Understanding.Reports;

/// <summary>One chapter of the video.</summary><param name="Start">Start in seconds.</param><param name="End">End in seconds.</param><param name="Title">A short title.</param><param name="Summary">A sentence or two on what happens in it.</param>
public sealed record Chapter(double Start, double End, string Title, string Summary);
