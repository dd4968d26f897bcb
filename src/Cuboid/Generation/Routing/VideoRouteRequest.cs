using Cuboid.Portfolio;

namespace Cuboid.Generation.Routing;

/// <summary>What routing needs to know about a request: the task, length, size, frames, audio, seed, a pinned model and the policy.</summary>
public sealed record VideoRouteRequest
{
    /// <summary><c>t2v</c>, or <c>i2v</c> when a first frame is given.</summary>
    public required string Task { get; init; }

    public required int Seconds { get; init; }

    /// <summary>The exact size asked for (from <c>--size</c>, or <c>--resolution</c> at <c>--aspect</c>).</summary>
    public required VideoSize Size { get; init; }

    public bool FirstFrame { get; init; }

    public bool LastFrame { get; init; }

    public int ReferenceImages { get; init; }

    public bool Audio { get; init; }

    public bool Seed { get; init; }

    /// <summary>A canonical model id the user pinned with <c>--model</c>.</summary>
    public string? Model { get; init; }

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;
}
