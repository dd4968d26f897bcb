using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Storage;

/// <summary>
/// What every <see cref="IAnalysisCache"/> must do, run against SQLite (<see cref="SqliteAnalysisCacheTests"/>) and
/// PostgreSQL (<c>PostgreSql/PostgresAnalysisCacheTests</c>). <see cref="Open"/> makes a new instance on the same backing
/// store, as a second process would: what one pays for, the other finds.
/// </summary>
public abstract class AnalysisCacheContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 30, 0, 500, TimeSpan.Zero);

    protected abstract IAnalysisCache Open();

    /// <summary>The schema version the backing store records, and the one the code writes.</summary>
    protected abstract (int Stored, int Latest) SchemaVersions();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task Instances_opening_an_empty_cache_at_once_migrate_it_once_and_opening_again_changes_nothing()
    {
        var caches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Open)));
        caches[0].PutCaption("frame", "p", "sim:a", "a cat", T0);

        var again = Open();

        var (stored, latest) = SchemaVersions();
        Assert.Equal(latest, stored);
        Assert.Equal(new CachedCaption("sim:a", "a cat"), again.FindCaption("frame", "p", ["sim:a"]));
    }

    [Fact]
    public void A_caption_is_found_by_frame_prompt_and_the_first_listed_model_that_has_one()
    {
        var (writer, reader) = (Open(), Open());
        writer.PutCaption("frame", "p", "sim:a", "a cat", T0);
        writer.PutCaption("frame", "p", "sim:b", "a small cat", T0);
        writer.PutCaption("frame", "p", "sim:b", "a grey cat", T0.AddSeconds(1));

        Assert.Equal(new CachedCaption("sim:b", "a grey cat"), reader.FindCaption("frame", "p", ["sim:c", "sim:b", "sim:a"]));
        Assert.Equal(new CachedCaption("sim:a", "a cat"), reader.FindCaption("frame", "p", ["sim:a", "sim:b"]));
        Assert.Null(reader.FindCaption("frame", "other prompt", ["sim:a"]));
        Assert.Null(reader.FindCaption("frame", "p", []));
    }

    [Fact]
    public void A_transcript_round_trips_its_segments_per_language_and_model()
    {
        var (writer, reader) = (Open(), Open());
        IReadOnlyList<TranscriptSegment> segments = [new(0.5, 1.25, "hello"), new(1.25, 3.0, "and welcome")];
        writer.PutTranscript("audio", "en", "openai:whisper-1", segments, T0);

        var found = reader.FindTranscript("audio", "en", ["sim:x", "openai:whisper-1"])!;

        Assert.Equal("openai:whisper-1", found.Model);
        Assert.Equal(segments, found.Segments);
        Assert.Null(reader.FindTranscript("audio", "fr", ["openai:whisper-1"]));
    }

    [Fact]
    public void A_synthesis_is_kept_as_the_exact_text_it_was_given()
    {
        var (writer, reader) = (Open(), Open());
        const string result = "{\"summary\": \"A  kite.\",\n \"chapters\": [] }";
        writer.PutSynthesis("timeline", "sim:reason", result, T0);

        Assert.Equal(result, reader.FindSynthesis("timeline", ["sim:reason"]));
        Assert.Null(reader.FindSynthesis("timeline", ["sim:other"]));
    }

    [Fact]
    public void Runs_round_trip_oldest_first_and_recording_an_id_again_replaces_it()
    {
        var (writer, reader) = (Open(), Open());
        var late = new RunRecord("run_2", "/videos/b.mp4", "/out/b", "full", 12, 0.0421m, T0.AddMinutes(5), T0.AddMinutes(6));
        var early = new RunRecord("run_1", "/videos/a.mp4", "/out/a", "partial", 3, 0.5m, T0, T0.AddMinutes(1));
        writer.RecordRun(late);
        writer.RecordRun(early);
        writer.RecordRun(early with { Mode = "full", Samples = 4 });

        Assert.Equal([early with { Mode = "full", Samples = 4 }, late], reader.Runs());
    }
}
