using Cuboid.Generation.Images;
using Cuboid.Generation.Providers;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// One way to reach a canonical model: a host and its model or endpoint id, the price per output second by SKU, what the
/// route can make (durations, resolutions, aspect ratios, frames, seed, audio, extension) and, for hosts whose inputs
/// differ per endpoint (fal, Replicate), how the endpoint names its inputs. Lists left null mean "not restricted".
/// </summary>
public sealed record VideoRoute
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    /// <summary>The tasks this route serves when narrower than the model's (fal has one endpoint for text, another for image).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    public IReadOnlyList<VideoPrice> Prices { get; init; } = [];

    /// <summary>Per-image SKUs, for the image tasks (<c>t2i</c>, <c>i2i</c>).</summary>
    public IReadOnlyList<ImagePrice> ImagePrices { get; init; } = [];

    /// <summary>The exact image sizes the route makes (<c>1024x1536</c>), when it offers only some; null for any.</summary>
    public IReadOnlyList<string>? Sizes { get; init; }

    public IReadOnlyList<int>? Durations { get; init; }

    public IReadOnlyList<string>? Resolutions { get; init; }

    public IReadOnlyList<string>? AspectRatios { get; init; }

    public bool FirstFrame { get; init; }

    public bool LastFrame { get; init; }

    public int ReferenceImages { get; init; }

    public bool Seed { get; init; }

    public bool Audio { get; init; }

    public bool Extend { get; init; }

    /// <summary>The seconds an extension may add, when unlike <see cref="Durations"/> (Veo adds 7 s to a clip of 4, 6 or 8).</summary>
    public IReadOnlyList<int>? ExtendDurations { get; init; }

    /// <summary>The frame rate the route delivers, when fixed (e.g. 24).</summary>
    public int? FramesPerSecond { get; init; }

    public VideoInputMap? Inputs { get; init; }

    /// <summary>Typical wall-clock seconds from create to result, for the <c>latency</c> policy until jobs have been measured.</summary>
    public double? ExpectedSeconds { get; init; }

    public bool Serves(string task, VideoModel model) => (Tasks ?? model.Tasks).Contains(task, StringComparer.Ordinal);

    public string Id => $"{Host}:{Model}";
}
