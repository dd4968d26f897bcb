namespace Cuboid.Contracts;

/// <summary><c>latent</c> in <see cref="TokensDocument"/>: the compressed latent's shape.</summary>
public sealed record TokenLatent(int Frames, int Height, int Width, int Channels);
