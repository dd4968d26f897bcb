namespace Cuboid.Testing.Generation;

/// <summary>What the simulator renders for a job: size, length, frame rate, audio, the first frame to start from (PNG/JPEG
/// bytes) and, for first-and-last-frame requests, the last frame to end on.</summary>
public sealed record SimulatedVideoSpec(int Width, int Height, double Seconds, int FramesPerSecond, bool Audio, byte[]? FirstFrame)
{
    /// <summary>The frame to end on (keyframe-first generation); with <see cref="FirstFrame"/> the clip interpolates between them.</summary>
    public byte[]? LastFrame { get; init; }

    /// <summary>A key for the render cache: equal specs render the same file once.</summary>
    public string Key => $"{Width}x{Height}-{Seconds}-{FramesPerSecond}-{Audio}-{Hash(FirstFrame) ?? "synthetic"}-{Hash(LastFrame) ?? "open"}";

    private static string? Hash(byte[]? image) => image is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(image));
}
