namespace Cuboid.Contracts;

/// <summary><c>source</c> in <see cref="TokensDocument"/>: the video file whose tokens were counted.</summary>
public sealed record TokenSource(string Path, int Width, int Height, double Seconds, double Fps);
