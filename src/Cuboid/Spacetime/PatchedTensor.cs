namespace Cuboid.Spacetime;

/// <summary>A patchified tensor: tokens [N, pt·ph·pw·C] in one flat array, each token's grid position, and the grid.</summary>
public sealed record PatchedTensor<T>(PatchGrid Grid, T[] Tokens, TokenPosition[] Positions)
    where T : unmanaged;
