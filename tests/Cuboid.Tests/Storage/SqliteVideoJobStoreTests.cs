using Cuboid.Generation.Jobs;
using Cuboid.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Storage;

/// <summary>The video job store contract on SQLite, and the upgrade of a job file from before the store was versioned.</summary>
public sealed class SqliteVideoJobStoreTests : VideoJobStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-job-store-tests", Guid.NewGuid().ToString("N"));

    protected override IVideoJobStore Open() => SqliteVideoJobStore.Open(_folder);

    protected override (int Stored, int Latest) SchemaVersions() => (UserVersion(), SqliteVideoJobStore.SchemaVersion);

    [Fact]
    public void A_job_file_from_before_versioning_is_upgraded_in_place_and_its_jobs_start_at_version_one()
    {
        Directory.CreateDirectory(_folder);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteVideoJobStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE video_jobs (id TEXT PRIMARY KEY, host TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL);
                INSERT INTO video_jobs VALUES ('job_old', 'fal', 'Succeeded', '2026-01-01', '2026-01-01', $record);
                """;
            command.Parameters.AddWithValue("$record", System.Text.Json.JsonSerializer.Serialize(Job("job_old", DateTimeOffset.UnixEpoch), Cuboid.Portfolio.PortfolioJson.Options));
            command.ExecuteNonQuery();
        }

        var store = Open();

        Assert.Equal(1, store.Find("job_old")!.Version);
        Assert.Null(store.TrySave(Job("job_old", DateTimeOffset.UnixEpoch)));
        Assert.Equal(SqliteVideoJobStore.SchemaVersion, UserVersion());
    }

    private int UserVersion()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteVideoJobStore.FileName)};Pooling=False");
        connection.Open();
        return SqliteMigrations.UserVersion(connection);
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
