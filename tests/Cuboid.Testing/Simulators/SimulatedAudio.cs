namespace Cuboid.Testing.Simulators;

/// <summary>An audio part of a chat message (OpenAI-compatible <c>input_audio</c>): its format, bytes and length in seconds.</summary>
public sealed record SimulatedAudio(string Format, byte[]? Data, double Seconds);
