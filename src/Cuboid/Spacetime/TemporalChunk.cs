namespace Cuboid.Spacetime;

/// <summary>A chunked (non-causal) video VAE: every <paramref name="Frames"/> input frames become <paramref name="Latents"/> latent frames.</summary>
public sealed record TemporalChunk(int Frames, int Latents);
