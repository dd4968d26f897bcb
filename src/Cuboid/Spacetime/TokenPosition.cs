namespace Cuboid.Spacetime;

/// <summary>A token's place in its clip's patch grid: temporal, vertical and horizontal patch index.</summary>
public readonly record struct TokenPosition(int T, int H, int W);
