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

    /// <summary>Version of the catalog file's shape (1).</summary>
    public int Schema { get; init; } = 1;

    /// <summary>The day the catalog's prices and ratings were last checked; null when the file does not say.</summary>
    public DateOnly? Updated { get; init; }

    /// <summary>The places that run models, each with its wire protocol, base URL and key variable.</summary>
    public IReadOnlyList<VideoHost> Hosts { get; init; } = [];

    /// <summary>The canonical models, each with its ratings and the host routes that serve it.</summary>
    public IReadOnlyList<VideoModel> Models { get; init; } = [];

    /// <summary>The host with id <paramref name="id"/> (<c>fal</c>), or null when the catalog has none.</summary>
    public VideoHost? FindHost(string id) => Hosts.FirstOrDefault(h => h.Id == id);

    /// <summary>The model with id <paramref name="id"/> (<c>google:veo-3.1-fast</c>), or null when the catalog has none.</summary>
    public VideoModel? FindModel(string id) => Models.FirstOrDefault(m => m.Id == id);

    /// <summary>The catalog built into the library (<c>catalog/video.json</c>), without any overlay.</summary>
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
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, CuboidParameters.Catalog, $"catalog file not found: {overlayPath}");
        }

        using var stream = File.OpenRead(overlayPath);
        return shipped.MergedWith(Parse(stream, overlayPath));
    }

    /// <summary>As <see cref="Load(string?)"/>, with the user's overlay (<c>video.json</c> in the user config folder, what <c>models update</c> writes) when no overlay is named and that file exists.</summary>
    public static VideoCatalog Load(string? overlayPath, IEnvironmentVariables environment)
    {
        var fallback = VideoCatalogUpdater.DefaultOverlayPath(environment);
        return Load(overlayPath ?? (File.Exists(fallback) ? fallback : null));
    }

    /// <summary>Reads a catalog from JSON; <paramref name="origin"/> names the source in the one-line input error a malformed file gets.</summary>
    public static VideoCatalog Parse(Stream json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<VideoCatalog>(json, PortfolioJson.Options)
                ?? throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is empty; a video catalog is an object with 'hosts' and 'models'");
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is not a valid video catalog: {ConfigJsonError.Describe(ex, "docs/CATALOG.md")}", ex);
        }
    }

    /// <summary>This catalog with <paramref name="overlay"/>'s hosts and models replacing those with the same id and its new ones added.</summary>
    public VideoCatalog MergedWith(VideoCatalog overlay) => this with
    {
        Hosts = [.. Hosts.Where(h => overlay.FindHost(h.Id) is null), .. overlay.Hosts],
        Models = [.. Models.Where(m => overlay.FindModel(m.Id) is null), .. overlay.Models],
        Updated = overlay.Updated ?? Updated,
    };
}
