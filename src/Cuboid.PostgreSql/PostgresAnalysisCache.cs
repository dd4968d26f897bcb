using System.Text.Json;
using Cuboid.Storage;
using Cuboid.Understanding.Reports;
using Npgsql;
using NpgsqlTypes;

namespace Cuboid.PostgreSql;

/// <summary>
/// The analysis cache in PostgreSQL, shared by every process on the database, so a caption or transcript paid for by one
/// worker is never paid for again by another: the same keys and answers as the SQLite <see cref="AnalysisCache"/>,
/// timestamps as <c>timestamptz</c>, dollars as <c>numeric</c>. Writing a key twice keeps one row (the later answer).
/// </summary>
public sealed class PostgresAnalysisCache : IAnalysisCache
{
    public const string Component = "analysis_cache";

    private static readonly PostgresMigrations Schema = new(Component, [
        """
        CREATE TABLE cache_captions (
            frame_hash text NOT NULL, model text NOT NULL, prompt_key text NOT NULL, caption text NOT NULL, created_at timestamptz NOT NULL,
            PRIMARY KEY (frame_hash, model, prompt_key));
        CREATE TABLE cache_transcripts (
            audio_hash text NOT NULL, model text NOT NULL, language text NOT NULL, segments jsonb NOT NULL, created_at timestamptz NOT NULL,
            PRIMARY KEY (audio_hash, model, language));
        CREATE TABLE cache_syntheses (
            timeline_hash text NOT NULL, model text NOT NULL, result text NOT NULL, created_at timestamptz NOT NULL,
            PRIMARY KEY (timeline_hash, model));
        CREATE TABLE cache_runs (
            id text PRIMARY KEY, source text NOT NULL, output text NOT NULL, mode text NOT NULL, samples integer NOT NULL,
            dollars numeric NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL);
        """,
    ]);

    private readonly PostgresDatabase _database;

    private PostgresAnalysisCache(PostgresDatabase database) => _database = database;

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Schema.LatestVersion;

    public string Location => _database.Location;

    /// <summary>Opens (creating or upgrading the tables) the cache on <paramref name="database"/>.</summary>
    public static PostgresAnalysisCache Open(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Schema.Apply(database);
        return new PostgresAnalysisCache(database);
    }

    public CachedCaption? FindCaption(string frameHash, string promptKey, IEnumerable<string> models) =>
        FindFirst("SELECT model, caption FROM cache_captions WHERE frame_hash = @h AND prompt_key = @p AND model = ANY(@models)", models,
            c => c.Parameters.AddWithValue("p", promptKey), frameHash) is var (model, caption) ? new CachedCaption(model, caption) : null;

    public void PutCaption(string frameHash, string promptKey, string model, string caption, DateTimeOffset at) =>
        Write("""
            INSERT INTO cache_captions (frame_hash, model, prompt_key, caption, created_at) VALUES (@h, @m, @p, @c, @t)
            ON CONFLICT (frame_hash, model, prompt_key) DO UPDATE SET caption = excluded.caption, created_at = excluded.created_at
            """, c =>
        {
            c.Parameters.AddWithValue("h", frameHash);
            c.Parameters.AddWithValue("m", model);
            c.Parameters.AddWithValue("p", promptKey);
            c.Parameters.AddWithValue("c", caption);
            c.Parameters.AddWithValue("t", at.ToUniversalTime());
        });

    public CachedTranscript? FindTranscript(string audioHash, string language, IEnumerable<string> models) =>
        FindFirst("SELECT model, segments::text FROM cache_transcripts WHERE audio_hash = @h AND language = @l AND model = ANY(@models)", models,
            c => c.Parameters.AddWithValue("l", language), audioHash) is var (model, json)
            ? new CachedTranscript(model, JsonSerializer.Deserialize<List<TranscriptSegment>>(json, ReportJson.Options) ?? [])
            : null;

    public void PutTranscript(string audioHash, string language, string model, IReadOnlyList<TranscriptSegment> segments, DateTimeOffset at) =>
        Write("""
            INSERT INTO cache_transcripts (audio_hash, model, language, segments, created_at) VALUES (@h, @m, @l, @s, @t)
            ON CONFLICT (audio_hash, model, language) DO UPDATE SET segments = excluded.segments, created_at = excluded.created_at
            """, c =>
        {
            c.Parameters.AddWithValue("h", audioHash);
            c.Parameters.AddWithValue("m", model);
            c.Parameters.AddWithValue("l", language);
            c.Parameters.AddWithValue("s", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(segments, ReportJson.Options));
            c.Parameters.AddWithValue("t", at.ToUniversalTime());
        });

    public string? FindSynthesis(string timelineHash, IEnumerable<string> models) =>
        FindFirst("SELECT model, result FROM cache_syntheses WHERE timeline_hash = @h AND model = ANY(@models)", models, _ => { }, timelineHash)?.Value;

    public void PutSynthesis(string timelineHash, string model, string resultJson, DateTimeOffset at) =>
        Write("""
            INSERT INTO cache_syntheses (timeline_hash, model, result, created_at) VALUES (@h, @m, @r, @t)
            ON CONFLICT (timeline_hash, model) DO UPDATE SET result = excluded.result, created_at = excluded.created_at
            """, c =>
        {
            c.Parameters.AddWithValue("h", timelineHash);
            c.Parameters.AddWithValue("m", model);
            c.Parameters.AddWithValue("r", resultJson);
            c.Parameters.AddWithValue("t", at.ToUniversalTime());
        });

    public void RecordRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Write("""
            INSERT INTO cache_runs (id, source, output, mode, samples, dollars, started_at, finished_at) VALUES (@id, @s, @o, @m, @n, @d, @a, @b)
            ON CONFLICT (id) DO UPDATE SET source = excluded.source, output = excluded.output, mode = excluded.mode, samples = excluded.samples,
                dollars = excluded.dollars, started_at = excluded.started_at, finished_at = excluded.finished_at
            """, c =>
        {
            c.Parameters.AddWithValue("id", run.Id);
            c.Parameters.AddWithValue("s", run.Source);
            c.Parameters.AddWithValue("o", run.Output);
            c.Parameters.AddWithValue("m", run.Mode);
            c.Parameters.AddWithValue("n", run.Samples);
            c.Parameters.AddWithValue("d", run.Dollars);
            c.Parameters.AddWithValue("a", run.StartedAt.ToUniversalTime());
            c.Parameters.AddWithValue("b", run.FinishedAt.ToUniversalTime());
        });
    }

    public IReadOnlyList<RunRecord> Runs()
    {
        using var command = _database.DataSource.CreateCommand("SELECT id, source, output, mode, samples, dollars, started_at, finished_at FROM cache_runs ORDER BY started_at, id");
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetDecimal(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return runs;
    }

    // One round trip for every candidate model; the caller's order decides, so the cache prefers the model the router would try first.
    private (string Model, string Value)? FindFirst(string sql, IEnumerable<string> models, Action<NpgsqlCommand> bind, string hash)
    {
        var order = models.ToArray();
        using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("h", hash);
        command.Parameters.AddWithValue("models", order);
        bind(command);
        using var reader = command.ExecuteReader();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }

        return order.FirstOrDefault(found.ContainsKey) is { } model ? (model, found[model]) : ((string, string)?)null;
    }

    private void Write(string sql, Action<NpgsqlCommand> bind)
    {
        using var command = _database.DataSource.CreateCommand(sql);
        bind(command);
        command.ExecuteNonQuery();
    }
}
