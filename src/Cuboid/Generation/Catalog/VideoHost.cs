namespace Cuboid.Generation.Catalog;

/// <summary>A place that runs video models: its id (the first part of a job id), wire protocol, base URL, and the environment variables for its key and for a base-URL override.</summary>
public sealed record VideoHost
{
    public required string Id { get; init; }

    /// <summary>One of <see cref="Providers.VideoApiKinds.All"/>.</summary>
    public required string ApiKind { get; init; }

    public required string BaseUrl { get; init; }

    public string? BaseUrlEnv { get; init; }

    public required string KeyEnv { get; init; }

    public string? Name { get; init; }
}
