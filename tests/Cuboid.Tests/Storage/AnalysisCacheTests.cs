using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Storage;

public sealed class AnalysisCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-cache-").FullName;

    [Fact]
    public void Captions_are_found_by_frame_hash_prompt_and_the_first_matching_model()
    {
        var cache = AnalysisCache.Open(_folder);
        var at = DateTimeOffset.UnixEpoch;
        cache.PutCaption("h1", "caption-v1", "b:model", "from b", at);
        cache.PutCaption("h1", "caption-v1", "a:model", "from a", at);

        Assert.Equal(new CachedCaption("a:model", "from a"), cache.FindCaption("h1", "caption-v1", ["a:model", "b:model"]));
        Assert.Equal(new CachedCaption("b:model", "from b"), cache.FindCaption("h1", "caption-v1", ["c:model", "b:model"]));
        Assert.Null(cache.FindCaption("h1", "caption-v2", ["a:model"]));
        Assert.Null(cache.FindCaption("h2", "caption-v1", ["a:model"]));
    }

    [Fact]
    public void Transcripts_survive_reopening_and_the_database_is_in_wal_mode()
    {
        AnalysisCache.Open(_folder).PutTranscript("audio", "auto", "openai:whisper-1", [new TranscriptSegment(0.5, 1.25, "hi")], DateTimeOffset.UnixEpoch);

        var reopened = AnalysisCache.Open(_folder);

        Assert.Equal([new TranscriptSegment(0.5, 1.25, "hi")], reopened.FindTranscript("audio", "auto", ["openai:whisper-1"])!.Segments);
        Assert.Null(reopened.FindTranscript("audio", "en", ["openai:whisper-1"]));
        Assert.True(WalMode(reopened.Path));
    }

    [Fact]
    public void A_cache_written_before_schema_versioning_upgrades_in_place_and_keeps_its_entries()
    {
        // Exactly what the unversioned cache (Cuboid before schema versions) created and wrote.
        var path = Path.Combine(_folder, AnalysisCache.FileName);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS captions (frame_hash TEXT NOT NULL, model TEXT NOT NULL, prompt_key TEXT NOT NULL,
                    caption TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (frame_hash, model, prompt_key));
                CREATE TABLE IF NOT EXISTS transcripts (audio_hash TEXT NOT NULL, model TEXT NOT NULL, language TEXT NOT NULL,
                    segments TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (audio_hash, model, language));
                CREATE TABLE IF NOT EXISTS syntheses (timeline_hash TEXT NOT NULL, model TEXT NOT NULL,
                    result TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (timeline_hash, model));
                CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, source TEXT NOT NULL, output TEXT NOT NULL, mode TEXT NOT NULL,
                    samples INTEGER NOT NULL, dollars TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL);
                INSERT INTO captions VALUES ('h1', 'a:model', 'caption-v1', 'kept', '1970-01-01T00:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var cache = AnalysisCache.Open(_folder);
        cache.PutCaption("h2", "caption-v1", "a:model", "new", DateTimeOffset.UnixEpoch);

        Assert.Equal(new CachedCaption("a:model", "kept"), cache.FindCaption("h1", "caption-v1", ["a:model"]));
        Assert.Equal(new CachedCaption("a:model", "new"), cache.FindCaption("h2", "caption-v1", ["a:model"]));
        Assert.Equal(AnalysisCache.SchemaVersion, UserVersion(path));
    }

    [Fact]
    public void A_cache_from_a_newer_cuboid_is_refused_with_one_line_and_left_alone()
    {
        var path = Path.Combine(_folder, AnalysisCache.FileName);
        using (var newer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            newer.Open();
            using var command = newer.CreateCommand();
            command.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<CuboidException>(() => AnalysisCache.Open(_folder));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(99, UserVersion(path));
    }

    private static int UserVersion(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Many_writers_at_once_lose_nothing()
    {
        var cache = AnalysisCache.Open(_folder);

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            AnalysisCache.Open(_folder).PutCaption($"h{i}", "p", "m", $"c{i}", DateTimeOffset.UnixEpoch);
            return ValueTask.CompletedTask;
        });

        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal($"c{i}", cache.FindCaption($"h{i}", "p", ["m"])!.Caption));
    }

    [Fact]
    public void Runs_are_recorded()
    {
        var cache = AnalysisCache.Open(_folder);
        var run = new RunRecord("r1", "demo.mp4", "/tmp/demo.cuboid", "full", 17, 0.0123m, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));

        cache.RecordRun(run);

        Assert.Equal([run], cache.Runs());
    }

    [Fact]
    public void A_cache_folder_that_is_a_file_is_a_usage_error()
    {
        var file = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(file, "x");

        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => AnalysisCache.Open(file)).Kind);
    }

    private static bool WalMode(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()! == "wal";
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
