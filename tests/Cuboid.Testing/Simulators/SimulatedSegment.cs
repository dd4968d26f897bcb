namespace Cuboid.Testing.Simulators;

/// <summary>One timestamped transcript segment the simulator returns (seconds from the start of the audio).</summary>
public sealed record SimulatedSegment(double Start, double End, string Text);
