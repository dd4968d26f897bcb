namespace Cuboid.Testing.Simulators;

/// <summary>One message of a chat request: its role, its text parts joined, and its images.</summary>
public sealed record SimulatedMessage(string Role, string Text, IReadOnlyList<SimulatedImage> Images);
