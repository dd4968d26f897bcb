using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Portfolio;

/// <summary>
/// The catalog of providers and models, as data (<c>catalog/models.json</c>, schema in docs/CATALOG.md).
/// The shipped copy is embedded in the library; a user overlay merges over it by id.
/// Unknown top-level properties are refused so that <c>models update --catalog cuboid.json</c> cannot take a
/// config file for a catalog and write over it; unknown model fields stay allowed for newer catalogs.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ModelCatalog
{
    internal const string EmbeddedName = "Cuboid.Portfolio.models.json";

    /// <summary>Schema version of the file.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>When the data was last reviewed.</summary>
    public DateOnly? Updated { get; init; }

    /// <summary>The providers the catalog knows, with base addresses and key variables.</summary>
    public IReadOnlyList<CatalogProvider> Providers { get; init; } = [];

    /// <summary>The models, with tasks, inputs, prices and ratings.</summary>
    public IReadOnlyList<CatalogModel> Models { get; init; } = [];

    /// <summary>The model with this <c>provider:model</c> id, or null.</summary>
    public CatalogModel? FindModel(string id) => Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <summary>The provider with this id, or null.</summary>
    public CatalogProvider? FindProvider(string id) => Providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The catalog shipped inside the library.</summary>
    public static ModelCatalog Shipped()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"the embedded catalog {EmbeddedName} is missing from the build");
        return Parse(stream, "the shipped catalog");
    }

    /// <summary>Reads a catalog JSON file; a missing or malformed file is an input error naming it.</summary>
    public static ModelCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, CuboidParameters.Catalog, $"catalog file not found: {path}");
        }

        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>Reads catalog JSON from <paramref name="json"/>; errors name <paramref name="origin"/>.</summary>
    public static ModelCatalog Parse(Stream json, string origin)
    {
        ModelCatalog? catalog;
        try
        {
            catalog = JsonSerializer.Deserialize<ModelCatalog>(json, PortfolioJson.Options);
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is not a valid catalog: {ConfigJsonError.Describe(ex, "docs/CATALOG.md")}", ex);
        }

        if (catalog is null)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is empty; a catalog is an object with 'providers' and 'models'");
        }

        foreach (var model in catalog.Models)
        {
            if (!ModelId.TryParse(model.Id, out _))
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: model id '{model.Id}' is not provider:model");
            }
        }

        return catalog;
    }

    /// <summary>Overlay merge by id: overlay providers replace providers with the same id; models merge field by field.</summary>
    public ModelCatalog MergedWith(ModelCatalog overlay)
    {
        var providers = Providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var provider in overlay.Providers)
        {
            providers[provider.Id] = provider;
        }

        var models = new List<CatalogModel>(Models);
        foreach (var model in overlay.Models)
        {
            var index = models.FindIndex(m => m.Id == model.Id);
            if (index >= 0)
            {
                models[index] = models[index].MergedWith(model);
            }
            else
            {
                models.Add(model);
            }
        }

        return this with
        {
            Providers = [.. providers.Values],
            Models = models,
            Updated = Max(Updated, overlay.Updated),
        };
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Writes the catalog as JSON to <paramref name="path"/>, atomically.</summary>
    public void Save(string path) => PortfolioJson.WriteAtomically(path, this);
}
