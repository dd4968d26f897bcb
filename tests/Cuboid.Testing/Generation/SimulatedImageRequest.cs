namespace Cuboid.Testing.Generation;

/// <summary>One image request as the simulator received it: protocol, model, prompt, size, quality, count, the reference image's bytes (if any) and the fault it met.</summary>
public sealed record SimulatedImageRequest(string Protocol, string Model, string Prompt, int Width, int Height, string? Quality, int Count, byte[]? Reference, ImageFault Fault);
