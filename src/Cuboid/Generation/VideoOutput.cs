namespace Cuboid.Generation;

/// <summary>One output a host says a job produced: its position and, when the host gives one, the URL to fetch it from.</summary>
public sealed record VideoOutput(int Index, Uri? Uri);
