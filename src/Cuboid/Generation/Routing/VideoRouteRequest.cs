using System.Text.Json.Serialization;
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

    /// <summary>Whether a first frame is given (only routes that take one are candidates).</summary>
    public bool FirstFrame { get; init; }

    /// <summary>Whether a last frame is given.</summary>
    public bool LastFrame { get; init; }

    /// <summary>Reference images given (routes must take at least this many).</summary>
    public int ReferenceImages { get; init; }

    /// <summary>Whether a soundtrack is asked for.</summary>
    public bool Audio { get; init; }

    /// <summary>Whether a seed is given (routes that ignore seeds are skipped).</summary>
    public bool Seed { get; init; }

    /// <summary>The video an <c>extend</c> request continues.</summary>
    [JsonInclude]
    internal VideoExtensionSource? ExtendSource { get; init; }

    /// <summary>A canonical model id the user pinned with <c>--model</c>.</summary>
    public string? Model { get; init; }

    /// <summary>How candidates are ordered: by decayed rating, price or latency.</summary>
    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;
}
