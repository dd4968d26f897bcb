using Cuboid.Portfolio;

namespace Cuboid.Generation.Routing;

/// <summary>What routing needs to know about a request: the task, length, size, frames, audio, seed, a pinned model and the policy.</summary>
public sealed record VideoRouteRequest
{
    /// <summary><c>t2v</c>, or <c>i2v</c> when a first frame is given, <c>extend</c> with a video to continue; <c>t2i</c> or <c>i2i</c> for images.</summary>
    public required string Task { get; init; }

    /// <summary>Length of a clip; 0 for images.</summary>
    public required int Seconds { get; init; }

    /// <summary>Images asked for (image tasks only).</summary>
    public int Images { get; init; }

    /// <summary>The image quality asked for (<c>low</c>, <c>medium</c>, <c>high</c>), which prices per-image SKUs; null for the default.</summary>
    public string? Quality { get; init; }

    /// <summary>The exact size asked for (from <c>--size</c>, or <c>--resolution</c> at <c>--aspect</c>).</summary>
    public required VideoSize Size { get; init; }

    public bool FirstFrame { get; init; }

    public bool LastFrame { get; init; }

    public int ReferenceImages { get; init; }

    public bool Audio { get; init; }

    public bool Seed { get; init; }

    /// <summary>The video an <c>extend</c> request continues.</summary>
    public VideoExtensionSource? ExtendSource { get; init; }

    /// <summary>A canonical model id the user pinned with <c>--model</c>.</summary>
    public string? Model { get; init; }

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;
}
