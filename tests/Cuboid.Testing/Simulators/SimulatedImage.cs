namespace Cuboid.Testing.Simulators;

/// <summary>An image as it arrived: decoded bytes for data URIs and base64, or the remote URL.</summary>
public sealed record SimulatedImage(string? MediaType, byte[]? Data, string? Url);
