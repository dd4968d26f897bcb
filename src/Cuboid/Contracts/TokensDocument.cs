using System.Text.Json;
using System.Text.Json.Serialization;
using Cuboid.Spacetime;

namespace Cuboid.Contracts;

/// <summary><c>cuboid tokens --json</c>: the space-time tokens a model family makes of a clip or a video file.
/// Fields that do not apply (an image has no frame rate) are left out rather than written as null.</summary>
/// <param name="Model">The model family id.</param>
/// <param name="SampledFrames">Frames sampled from a real video before snapping to the VAE's whole groups.</param>
/// <param name="Attention">How video tokens meet text tokens (<c>cross</c>, <c>joint</c>...).</param>
/// <param name="Fit">How an uneven size was made to fit (<c>crop</c>, <c>pad</c>), only when it was.</param>
/// <param name="FittedFrom">The requested size before fitting, only when it was fitted.</param>
/// <param name="Source">The video file counted, for <c>--video</c>.</param>
public sealed record TokensDocument(
    string Model,
    int Width,
    int Height,
    int Frames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SampledFrames,
    int EncodedFrames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Fps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Seconds,
    TokenLatent Latent,
    TokenGrid Patch,
    TokenGrid Grid,
    long VideoTokens,
    int TextTokens,
    string Attention,
    long SequenceTokens,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FittedFrom,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokenSource? Source) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for one count.</summary>
    public static TokensDocument From(TokenReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (family, count) = (report.Family, report.Count);
        // An image has no frame rate or duration: left out rather than a made-up 1 fps and 0 s.
        var image = family.Kind == FamilyKind.Image || count.Frames == 1;
        return new(
            family.Id,
            count.Width,
            count.Height,
            count.Frames,
            report.SampledFrames,
            family.Vae.EncodedFrames(count.Frames),
            image ? null : report.Fps,
            image ? null : report.Seconds,
            new TokenLatent(count.LatentFrames, count.LatentHeight, count.LatentWidth, family.Vae.LatentChannels),
            new TokenGrid(family.Patch.T, family.Patch.H, family.Patch.W),
            new TokenGrid(count.GridT, count.GridH, count.GridW),
            count.VideoTokens,
            count.TextTokens,
            JsonNamingPolicy.CamelCase.ConvertName(family.Attention.ToString()),
            count.SequenceTokens,
            count.Fitted ? JsonNamingPolicy.CamelCase.ConvertName(count.Fit.ToString()) : null,
            count.Fitted ? count.Requested.ToString() : null,
            report.Source is { } source ? new TokenSource(source.Path, source.Width, source.Height, source.Seconds, source.Fps) : null);
    }
}
