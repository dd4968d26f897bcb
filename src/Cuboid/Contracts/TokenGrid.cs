namespace Cuboid.Contracts;

/// <summary><c>patch</c> and <c>grid</c> in <see cref="TokensDocument"/>: a size in time, height and width.</summary>
public sealed record TokenGrid(int T, int H, int W);
