namespace Cuboid.Generation.Catalog;

/// <summary>A place that runs video models: its id (the first part of a job id), wire protocol, base URL, and the environment variables for its key and for a base-URL override.</summary>
public sealed record VideoHost
{
    /// <summary>The host's id (<c>fal</c>, <c>replicate</c>): the prefix of its routes and of every job id it runs.</summary>
    public required string Id { get; init; }

    /// <summary>The wire protocol: <c>openai-videos</c>, <c>fal</c>, <c>replicate</c>, <c>veo</c>, <c>openrouter-videos</c> or <c>runway</c> for video; <c>openai-images</c> or <c>fal</c> for images.</summary>
    public required string ApiKind { get; init; }

    /// <summary>The API root requests go to (<c>https://queue.fal.run</c>), unless <see cref="BaseUrlEnv"/> overrides it.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>An environment variable that, when set, replaces <see cref="BaseUrl"/> (a proxy or a simulator); null for none.</summary>
    public string? BaseUrlEnv { get; init; }

    /// <summary>The environment variable that holds the host's key; the key itself is never kept in the catalog.</summary>
    public required string KeyEnv { get; init; }

    /// <summary>A display name (<c>fal.ai</c>); null to show the id.</summary>
    public string? Name { get; init; }
}
