namespace Cuboid.DependencyInjection;

/// <summary>Where the stores keep their files (configuration section <c>Cuboid:Storage</c>).</summary>
public sealed class CuboidStorageOptions
{
    /// <summary>Folder of the analysis cache; default <see cref="Storage.AnalysisCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Folder of the video job store; default <see cref="Storage.SqliteVideoJobStore.DefaultDirectory"/>.</summary>
    public string? JobStoreDirectory { get; set; }
}
