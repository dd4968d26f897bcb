namespace Cuboid.Spacetime;

/// <summary>Packed token data [N, token length] and the layout that says which segment each token belongs to.</summary>
public sealed record PackedTokens<T>(PackedSequence Layout, int TokenLength, T[] Tokens)
    where T : unmanaged;
