namespace Cuboid.Server.Keys;

/// <summary>
/// A virtual key as stored: never the secret itself, only its SHA-256 (<see cref="Hash"/>) and a short
/// <see cref="Prefix"/> people can recognise it by.
/// </summary>
public sealed record VirtualKey
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The first characters of the secret, e.g. <c>cbk-3f9a</c>.</summary>
    public required string Prefix { get; init; }

    public required string Hash { get; init; }

    public decimal? Budget { get; init; }

    public KeyPeriod Period { get; init; } = KeyPeriod.Month;

    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyList<string>? Tasks { get; init; }

    public int? Rpm { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public bool AllowsTask(string task) => Tasks is null || Tasks.Contains(task, StringComparer.Ordinal);

    public bool AllowsModel(string modelId) => Models is null || Models.Contains(modelId, StringComparer.Ordinal);
}
