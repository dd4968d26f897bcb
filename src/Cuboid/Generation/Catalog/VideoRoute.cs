using System.Text.Json.Serialization;
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
    /// <summary>The <see cref="VideoHost.Id"/> of the host.</summary>
    public required string Host { get; init; }

    /// <summary>The host's own model or endpoint id (<c>fal-ai/veo3.1/fast</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The tasks this route serves when narrower than the model's (fal has one endpoint for text, another for image).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Dollars per output second by resolution and audio (the video tasks); empty when the route is priced per image.</summary>
    public IReadOnlyList<VideoPrice> Prices { get; init; } = [];

    /// <summary>Per-image SKUs, for the image tasks (<c>t2i</c>, <c>i2i</c>).</summary>
    public IReadOnlyList<ImagePrice> ImagePrices { get; init; } = [];

    /// <summary>The exact image sizes the route makes (<c>1024x1536</c>), when it offers only some; null for any.</summary>
    public IReadOnlyList<string>? Sizes { get; init; }

    /// <summary>The clip lengths in seconds the route accepts; null for any.</summary>
    public IReadOnlyList<int>? Durations { get; init; }

    /// <summary>The resolutions it makes (<c>720p</c>, <c>1080p</c>); null for any.</summary>
    public IReadOnlyList<string>? Resolutions { get; init; }

    /// <summary>The aspect ratios it makes (<c>16:9</c>, <c>9:16</c>); null for any.</summary>
    public IReadOnlyList<string>? AspectRatios { get; init; }

    /// <summary>Whether it can start from a given first frame (image-to-video).</summary>
    public bool FirstFrame { get; init; }

    /// <summary>Whether it can end on a given last frame.</summary>
    public bool LastFrame { get; init; }

    /// <summary>How many subject or style reference images it takes (0: none).</summary>
    public int ReferenceImages { get; init; }

    /// <summary>Whether it honours a seed.</summary>
    public bool Seed { get; init; }

    /// <summary>Whether it can generate a soundtrack with the video.</summary>
    public bool Audio { get; init; }

    /// <summary>Whether it can extend an earlier video (the <c>extend</c> task).</summary>
    public bool Extend { get; init; }

    /// <summary>The seconds an extension may add, when unlike <see cref="Durations"/> (Veo adds 7 s to a clip of 4, 6 or 8).</summary>
    public IReadOnlyList<int>? ExtendDurations { get; init; }

    /// <summary>The frame rate the route delivers, when fixed (e.g. 24).</summary>
    public int? FramesPerSecond { get; init; }

    [JsonInclude]
    internal VideoInputMap? Inputs { get; init; }

    /// <summary>Typical wall-clock seconds from create to result, for the <c>latency</c> policy until jobs have been measured.</summary>
    public double? ExpectedSeconds { get; init; }

    /// <summary>Whether this route serves <paramref name="task"/> for <paramref name="model"/>: its own <see cref="Tasks"/>, else the model's.</summary>
    public bool Serves(string task, VideoModel model) => (Tasks ?? model.Tasks).Contains(task, StringComparer.Ordinal);

    /// <summary><c>host:model</c>, the route's id in plans, ledgers and job records.</summary>
    public string Id => $"{Host}:{Model}";
}
