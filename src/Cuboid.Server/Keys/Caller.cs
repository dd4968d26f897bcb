namespace Cuboid.Server.Keys;

/// <summary>Who is calling: the admin (no budget, every model) or the holder of a virtual key.</summary>
public sealed record Caller(VirtualKey? Key)
{
    public static Caller Admin { get; } = new((VirtualKey?)null);

    public bool IsAdmin => Key is null;

    /// <summary>The rate-limit partition: one per key.</summary>
    public string Partition => Key?.Id ?? "admin";
}
