using Cuboid.Generation.Jobs;
using Cuboid.Storage;

namespace Cuboid.Tests.Storage;

/// <summary>The video job store contract on SQLite, and the upgrade of a job file from before the store was versioned.</summary>
public sealed class SqliteVideoJobStoreTests : VideoJobStoreContractTests
{
    private readonly SqliteTestFolder _folder = new("cuboid-job-store-tests");

    protected override IVideoJobStore Open() => SqliteVideoJobStore.Open(_folder.Path);

    protected override (int Stored, int Latest) SchemaVersions() => (_folder.UserVersion(SqliteVideoJobStore.FileName), SqliteVideoJobStore.SchemaVersion);

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => _folder.DeleteAsync();

    [Fact]
    public void A_job_file_from_before_versioning_is_upgraded_in_place_and_its_jobs_start_at_version_one()
    {
        Directory.CreateDirectory(_folder.Path);
        using (var connection = _folder.Connect(SqliteVideoJobStore.FileName))
        {
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
        Assert.Equal(SqliteVideoJobStore.SchemaVersion, _folder.UserVersion(SqliteVideoJobStore.FileName));
    }
}
