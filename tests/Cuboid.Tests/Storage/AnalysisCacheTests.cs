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
