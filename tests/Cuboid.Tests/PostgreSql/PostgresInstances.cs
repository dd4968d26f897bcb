using Cuboid.PostgreSql;
using Cuboid.Testing.Postgres;
using Npgsql;

namespace Cuboid.Tests.PostgreSql;

/// <summary>
/// A fresh test database and every <see cref="PostgresDatabase"/> a test opens on it (each one its own pooled data
/// source, as each process has), all disposed with the database.
/// </summary>
internal sealed class PostgresInstances : IAsyncDisposable
{
    private readonly List<PostgresDatabase> _opened = [];
    private PostgresTestDatabase? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("InitializeAsync first");

    public async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    /// <summary>A new data source on the test database: a process of its own.</summary>
    public PostgresDatabase Create()
    {
        var database = PostgresDatabase.Create(ConnectionString);
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    /// <summary>The version <c>cuboid_schema</c> records for <paramref name="component"/>.</summary>
    public int StoredVersion(string component)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return PostgresMigrations.CurrentVersion(connection, component);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
