using System.Text.Json;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// The video portfolio as data (<c>catalog/video.json</c>, embedded; schema in docs/CATALOG.md): hosts and canonical
/// models with their routes. An overlay file (<c>--catalog</c>) replaces hosts and models with the same id and adds new ones.
/// </summary>
public sealed record VideoCatalog
{
    internal const string EmbeddedName = "Cuboid.Generation.video.json";

    public int Schema { get; init; } = 1;

    public DateOnly? Updated { get; init; }

    public IReadOnlyList<VideoHost> Hosts { get; init; } = [];

    public IReadOnlyList<VideoModel> Models { get; init; } = [];

    public VideoHost? FindHost(string id) => Hosts.FirstOrDefault(h => h.Id == id);

    public VideoModel? FindModel(string id) => Models.FirstOrDefault(m => m.Id == id);

    public static VideoCatalog Shipped()
    {
        using var stream = typeof(VideoCatalog).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"the embedded catalog {EmbeddedName} is missing from the build");
        return Parse(stream, "the shipped video catalog");
    }

    /// <summary>The shipped catalog with the overlay at <paramref name="overlayPath"/> merged over it (when given).</summary>
    public static VideoCatalog Load(string? overlayPath)
    {
        var shipped = Shipped();
        if (overlayPath is null)
        {
            return shipped;
        }

        if (!File.Exists(overlayPath))
        {
            throw CuboidException.Input($"catalog file not found: {overlayPath}");
        }

        using var stream = File.OpenRead(overlayPath);
        return shipped.MergedWith(Parse(stream, overlayPath));
    }

    /// <summary>As <see cref="Load(string?)"/>, with the user's overlay (<see cref="VideoCatalogUpdater.DefaultOverlayPath"/>, what <c>models update</c> writes) when no overlay is named and that file exists.</summary>
    public static VideoCatalog Load(string? overlayPath, IEnvironmentVariables environment)
    {
        var fallback = VideoCatalogUpdater.DefaultOverlayPath(environment);
        return Load(overlayPath ?? (File.Exists(fallback) ? fallback : null));
    }

    public static VideoCatalog Parse(Stream json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<VideoCatalog>(json, PortfolioJson.Options)
                ?? throw CuboidException.Input($"{origin} is empty; a video catalog is an object with 'hosts' and 'models'");
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input($"{origin} is not a valid video catalog: {ConfigJsonError.Describe(ex, "docs/CATALOG.md")}", ex);
        }
    }

    public VideoCatalog MergedWith(VideoCatalog overlay) => this with
    {
        Hosts = [.. Hosts.Where(h => overlay.FindHost(h.Id) is null), .. overlay.Hosts],
        Models = [.. Models.Where(m => overlay.FindModel(m.Id) is null), .. overlay.Models],
        Updated = overlay.Updated ?? Updated,
    };
}
