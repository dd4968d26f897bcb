namespace Cuboid.Spacetime;

/// <summary>
/// The known model families: the shipped <c>families.data.json</c>, optionally merged with a user's file
/// (same shape, <c>{"families": [...]}</c>; an entry with a shipped id replaces it, a new id is added).
/// </summary>
public sealed class ModelFamilyCatalog
{
    private static readonly Lazy<ModelFamilyCatalog> Shipped = new(() =>
        new ModelFamilyCatalog(CatalogJson.ReadEmbedded<FamiliesFile>("Cuboid.Spacetime.families.data.json").Families ?? [], "shipped families"));

    private ModelFamilyCatalog(IReadOnlyList<ModelFamily> families, string source)
    {
        foreach (var family in families)
        {
            if (family is null)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{source}: an entry of \"families\" is null");
            }

            var problem = family.Problems().FirstOrDefault();
            if (problem is not null)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{source}: {problem}");
            }
        }

        Families = families;
    }

    /// <summary>The families shipped with the library (families.data.json).</summary>
    public static ModelFamilyCatalog Default => Shipped.Value;

    /// <summary>Every family in the catalog, in file order.</summary>
    public IReadOnlyList<ModelFamily> Families { get; }

    /// <summary>The shipped catalog, merged with <paramref name="path"/> when given.</summary>
    public static ModelFamilyCatalog Load(string? path) => path is null ? Default : Default.WithFile(path);

    /// <summary>This catalog merged with a user's families file.</summary>
    public ModelFamilyCatalog WithFile(string path)
    {
        var file = CatalogJson.ReadFile<FamiliesFile>(path, "families");
        if (file.Families is null)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"families file {path} has no \"families\" array");
        }

        return new ModelFamilyCatalog(CatalogJson.Merge(Families, file.Families, f => f.Id), $"families file {path}");
    }

    /// <summary>The family with this id (case-insensitive); an unknown id is a usage error that lists the known ones.</summary>
    public ModelFamily Find(string id)
    {
        var family = Families.FirstOrDefault(f => string.Equals(f.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
        return family ?? throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Model, 
            $"unknown model family '{id}'; known: {string.Join(", ", Families.Select(f => f.Id))} (or add one with {CuboidParameters.FamiliesFile} FILE)");
    }

    private sealed record FamiliesFile(IReadOnlyList<ModelFamily>? Families);
}
