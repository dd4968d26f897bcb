using Cuboid.Portfolio;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// A route that refused a job's create with an answer (no job started there), kept on the job so that whoever picks
/// the job up again, another process after a crash, knows which routes were tried and which hosts refused the key.
/// </summary>
public sealed record VideoJobRefusal
{
    /// <summary>The host that refused the create.</summary>
    public required string Host { get; init; }

    /// <summary>The host's model or endpoint id the create was for.</summary>
    public required string HostModel { get; init; }

    /// <summary>How it refused: <see cref="ProviderFailureKind.Unauthorized"/> (the key) rules its host out for the job's later routes.</summary>
    public ProviderFailureKind Kind { get; init; }

    /// <summary>The host's answer, in one line that never contains a key.</summary>
    public string? Error { get; init; }
}
