using Cuboid.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Storage;

/// <summary>A fresh folder for a SQLite store under test: its files' schema versions, and removal (pools cleared first).</summary>
internal sealed class SqliteTestFolder(string purpose)
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    /// <summary>A new connection to <paramref name="fileName"/> in the folder, opened, outside every pool.</summary>
    public SqliteConnection Connect(string fileName)
    {
        var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, fileName)};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The <c>PRAGMA user_version</c> of <paramref name="fileName"/> in the folder.</summary>
    public int UserVersion(string fileName)
    {
        using var connection = Connect(fileName);
        return SqliteMigrations.UserVersion(connection);
    }

    public Task DeleteAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return Task.CompletedTask;
    }
}
