namespace Cuboid.Testing.Generation;

/// <summary>What the simulator renders for a job: size, length, frame rate, audio, and the first frame to start from (PNG/JPEG bytes).</summary>
public sealed record SimulatedVideoSpec(int Width, int Height, double Seconds, int FramesPerSecond, bool Audio, byte[]? FirstFrame)
{
    /// <summary>A key for the render cache: equal specs render the same file once.</summary>
    public string Key => $"{Width}x{Height}-{Seconds}-{FramesPerSecond}-{Audio}-{(FirstFrame is null ? "synthetic" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(FirstFrame)))}";
}
