namespace Cuboid.Testing.Simulators;

/// <summary>One message of a chat request: its role, its text parts joined, its images and its audio parts.</summary>
public sealed record SimulatedMessage(string Role, string Text, IReadOnlyList<SimulatedImage> Images)
{
    public IReadOnlyList<SimulatedAudio> Audio { get; init; } = [];
}
