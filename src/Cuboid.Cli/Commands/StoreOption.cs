using System.CommandLine;
using Cuboid.PostgreSql;
using Cuboid.Server;

namespace Cuboid.Cli.Commands;

/// <summary><c>--store</c> of <c>serve</c> and <c>keys</c>: a folder for the embedded SQLite stores, or a PostgreSQL database.</summary>
public static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = $"The gateway's store: a folder (SQLite; default {ServerOptions.DefaultStoreFolder}) or PostgreSQL (postgres://user:pass@host:5432/db or Host=...;Database=...)",
    };

    /// <summary>A PostgreSQL location as given; a folder made absolute; null when not given.</summary>
    public static string? Resolve(string? value) => value switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(value) => throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.StoreDirectory, $"{CuboidParameters.StoreDirectory} is empty; name a folder or a PostgreSQL database"),
        _ when PostgresDatabase.IsPostgres(value) => value,
        _ => Path.GetFullPath(value),
    };
}
