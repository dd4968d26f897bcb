using System.Text.Json;
using Cuboid.Understanding.Reports;
using Microsoft.Data.Sqlite;

namespace Cuboid.Storage;

/// <summary>
/// The SQLite cache behind resumable analysis (<c>~/.cache/cuboid/cache.db</c> by default): captions keyed
/// by the frame's content hash, the model and the prompt key; transcripts keyed by the audio's content
/// hash, the model and the language; syntheses keyed by the hash of the exact timeline and prompt; and
/// one record per run. WAL mode lets several runs read and write
/// at once; every operation opens its own pooled connection, so one instance is safe across threads.
/// </summary>
public sealed class AnalysisCache : IAnalysisCache
{
    public const string FileName = "cache.db";

    // Version 1 is the schema the cache had before it was versioned, so a file written then (user_version 0)
    // upgrades in place: its tables already exist and are kept. Add a migration; never edit a shipped one.
    private static readonly SqliteMigrations Schema = new("cache", CuboidParameters.CacheDirectory, [
        """
        CREATE TABLE IF NOT EXISTS captions (
            frame_hash TEXT NOT NULL, model TEXT NOT NULL, prompt_key TEXT NOT NULL,
            caption TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (frame_hash, model, prompt_key));
        CREATE TABLE IF NOT EXISTS transcripts (
            audio_hash TEXT NOT NULL, model TEXT NOT NULL, language TEXT NOT NULL,
            segments TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (audio_hash, model, language));
        CREATE TABLE IF NOT EXISTS syntheses (
            timeline_hash TEXT NOT NULL, model TEXT NOT NULL,
            result TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (timeline_hash, model));
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, output TEXT NOT NULL, mode TEXT NOT NULL,
            samples INTEGER NOT NULL, dollars TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL)
        """,
    ]);

    /// <summary>The schema version this code writes (<c>PRAGMA user_version</c>).</summary>
    public static int SchemaVersion => Schema.LatestVersion;

    private readonly string _connectionString;

    private AnalysisCache(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary><c>$XDG_CACHE_HOME/cuboid</c>, else <c>~/.cache/cuboid</c>.</summary>
    public static string DefaultDirectory =>
        System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "cuboid");

    /// <summary>Opens (creating when needed) the cache in <paramref name="directory"/>.</summary>
    public static AnalysisCache Open(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var cache = new AnalysisCache(System.IO.Path.Combine(directory, FileName));
            using var connection = cache.Connect();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            Schema.Apply(connection);
            return cache;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, CuboidParameters.CacheDirectory, $"the cache at {directory} cannot be opened ({ex.Message.ReplaceLineEndings(" ")}); pass another folder with {CuboidParameters.CacheDirectory}");
        }
    }

    /// <summary>The first cached caption for this frame and prompt among <paramref name="models"/>, in their order.</summary>
    public CachedCaption? FindCaption(string frameHash, string promptKey, IEnumerable<string> models) =>
        FindFirst("SELECT caption FROM captions WHERE frame_hash = $h AND model = $m AND prompt_key = $p", models, ("$h", frameHash), ("$p", promptKey))
            is var (model, caption) ? new CachedCaption(model, caption) : null;

    public void PutCaption(string frameHash, string promptKey, string model, string caption, DateTimeOffset at) =>
        Write("INSERT OR REPLACE INTO captions (frame_hash, model, prompt_key, caption, created_at) VALUES ($h, $m, $p, $c, $t)", ("$h", frameHash), ("$m", model), ("$p", promptKey), ("$c", caption), ("$t", at.ToString("O")));

    /// <summary>Cached segments (times relative to the audio piece) for this audio among <paramref name="models"/>.</summary>
    public CachedTranscript? FindTranscript(string audioHash, string language, IEnumerable<string> models) =>
        FindFirst("SELECT segments FROM transcripts WHERE audio_hash = $h AND model = $m AND language = $l", models, ("$h", audioHash), ("$l", language))
            is var (model, json) ? new CachedTranscript(model, JsonSerializer.Deserialize<List<TranscriptSegment>>(json, ReportJson.Options) ?? []) : null;

    public void PutTranscript(string audioHash, string language, string model, IReadOnlyList<TranscriptSegment> segments, DateTimeOffset at) =>
        Write("INSERT OR REPLACE INTO transcripts (audio_hash, model, language, segments, created_at) VALUES ($h, $m, $l, $s, $t)",
            ("$h", audioHash), ("$m", model), ("$l", language), ("$s", JsonSerializer.Serialize(segments, ReportJson.Options)), ("$t", at.ToString("O")));

    /// <summary>A cached synthesis (JSON of the result) of this exact timeline and prompt among <paramref name="models"/>.</summary>
    public string? FindSynthesis(string timelineHash, IEnumerable<string> models) =>
        FindFirst("SELECT result FROM syntheses WHERE timeline_hash = $h AND model = $m", models, ("$h", timelineHash))?.Value;

    public void PutSynthesis(string timelineHash, string model, string resultJson, DateTimeOffset at) =>
        Write("INSERT OR REPLACE INTO syntheses (timeline_hash, model, result, created_at) VALUES ($h, $m, $r, $t)", ("$h", timelineHash), ("$m", model), ("$r", resultJson), ("$t", at.ToString("O")));

    public void RecordRun(RunRecord run) =>
        Write("INSERT OR REPLACE INTO runs (id, source, output, mode, samples, dollars, started_at, finished_at) VALUES ($id, $s, $o, $m, $n, $d, $a, $b)",
            ("$id", run.Id), ("$s", run.Source), ("$o", run.Output), ("$m", run.Mode), ("$n", run.Samples),
            ("$d", run.Dollars.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("$a", run.StartedAt.ToString("O")), ("$b", run.FinishedAt.ToString("O")));

    public IReadOnlyList<RunRecord> Runs()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, source, output, mode, samples, dollars, started_at, finished_at FROM runs ORDER BY started_at";
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                decimal.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(6), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(7), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return runs;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // Models are asked in the caller's order, so the cache prefers the model the router would try first.
    private (string Model, string Value)? FindFirst(string sql, IEnumerable<string> models, params (string Name, object Value)[] keys)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in keys)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var model = command.Parameters.Add("$m", SqliteType.Text);
        foreach (var candidate in models)
        {
            model.Value = candidate;
            if (command.ExecuteScalar() is string value)
            {
                return (candidate, value);
            }
        }

        return null;
    }

    private void Write(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
