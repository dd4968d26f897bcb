using Cuboid.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Storage;

/// <summary>The analysis cache contract on the embedded SQLite cache: every instance opens the same folder.</summary>
public sealed class SqliteAnalysisCacheTests : AnalysisCacheContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-cache-contract-tests", Guid.NewGuid().ToString("N"));

    protected override IAnalysisCache Open() => AnalysisCache.Open(_folder);

    protected override (int Stored, int Latest) SchemaVersions()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, AnalysisCache.FileName)};Pooling=False");
        connection.Open();
        return (SqliteMigrations.UserVersion(connection), AnalysisCache.SchemaVersion);
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
