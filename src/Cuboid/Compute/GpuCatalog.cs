using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>
/// The known GPUs: the shipped <c>gpus.data.json</c>, optionally merged with a user's file
/// (<c>{"gpus": [...]}</c>; an entry with a shipped id replaces it, a new id is added).
/// </summary>
public sealed class GpuCatalog
{
    private static readonly Lazy<GpuCatalog> Shipped = new(() =>
        new GpuCatalog(CatalogJson.ReadEmbedded<GpusFile>("Cuboid.Compute.gpus.data.json").Gpus ?? [], "shipped GPUs"));

    private GpuCatalog(IReadOnlyList<GpuSpec> gpus, string source)
    {
        foreach (var gpu in gpus)
        {
            if (gpu is null)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{source}: an entry of \"gpus\" is null");
            }

            var problem = gpu.Problems().FirstOrDefault();
            if (problem is not null)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{source}: {problem}");
            }
        }

        Gpus = gpus;
    }

    /// <summary>The GPUs shipped with the library (gpus.data.json).</summary>
    public static GpuCatalog Default => Shipped.Value;

    /// <summary>Every GPU in the catalog, in file order.</summary>
    public IReadOnlyList<GpuSpec> Gpus { get; }

    /// <summary>The shipped catalog, merged with <paramref name="path"/> when given.</summary>
    public static GpuCatalog Load(string? path) => path is null ? Default : Default.WithFile(path);

    /// <summary>This catalog with the GPUs of a user's JSON file added (a GPU with a known id replaces the shipped one).</summary>
    public GpuCatalog WithFile(string path)
    {
        var file = CatalogJson.ReadFile<GpusFile>(path, "GPUs");
        if (file.Gpus is null)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"GPUs file {path} has no \"gpus\" array");
        }

        return new GpuCatalog(CatalogJson.Merge(Gpus, file.Gpus, g => g.Id), $"GPUs file {path}");
    }

    /// <summary>The GPU with this id or alias; an unknown name is a usage error that lists the known ones.</summary>
    public GpuSpec Find(string name)
    {
        var trimmed = name?.Trim() ?? "";
        return Gpus.FirstOrDefault(g => g.Matches(trimmed)) ?? throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Gpu, 
            $"unknown GPU '{name}'; known: {string.Join(", ", Gpus.Select(g => g.Id))} (or add one with {CuboidParameters.GpusFile} FILE)");
    }

    private sealed record GpusFile(IReadOnlyList<GpuSpec>? Gpus);
}
