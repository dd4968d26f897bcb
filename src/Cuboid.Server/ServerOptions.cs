namespace Cuboid.Server;

/// <summary>
/// The gateway's settings, from the <c>Cuboid</c> configuration section (appsettings, <c>Cuboid__AdminKey</c>-style
/// environment variables, or <c>cuboid serve</c>'s options). Provider keys are not here: they stay in the provider
/// variables the library reads (<c>OPENAI_API_KEY</c>, ...).
/// </summary>
public sealed record ServerOptions
{
    public const string Section = "Cuboid";

    /// <summary>The admin key: issues and revokes virtual keys and may call the API without a budget. Unset: no admin API.</summary>
    public string? AdminKey { get; init; }

    /// <summary>
    /// Where the gateway keeps its records: a folder for the embedded SQLite stores (default <see cref="DefaultStoreFolder"/>),
    /// or a PostgreSQL database, as a URL (<c>postgres://user:pass@host:5432/db</c>) or an Npgsql connection string (<c>Host=...</c>).
    /// </summary>
    public string? Store { get; init; }

    /// <summary>The folder for files (uploads, reports, video outputs) when <see cref="Store"/> is a PostgreSQL database; default <see cref="DefaultStoreFolder"/>.</summary>
    public string? Files { get; init; }

    /// <summary>The library config file (<c>cuboid.json</c>); default as for the CLI.</summary>
    public string? Config { get; init; }

    /// <summary>A catalog overlay merged over the shipped catalog.</summary>
    public string? Catalog { get; init; }

    /// <summary>A video catalog overlay merged over the shipped <c>catalog/video.json</c>.</summary>
    public string? VideoCatalog { get; init; }

    /// <summary>The largest JSON request body, in bytes (images travel inline in chat requests).</summary>
    public long MaxRequestBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The largest upload (audio for transcription), in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// How long a verified virtual key is trusted without asking the store again (<see cref="Keys.VerifiedKeyCache"/>): the
    /// longest a key revoked by another process (or <c>cuboid keys revoke</c>) still works here. 0 asks the store every time.
    /// </summary>
    public double KeyCacheSeconds { get; init; } = 5;

    /// <summary>
    /// Whether chat requests go to models on OpenAI-protocol providers as the client's JSON, with only the model and the
    /// fields the router fits per model changed (the library's relay; routing, budgets, retries and the books unchanged).
    /// False sends every chat call through the OpenAI SDK and Microsoft.Extensions.AI, as before the relay: a baseline for
    /// the overhead benchmark, and a way out should a provider need the SDK's own request.
    /// </summary>
    public bool RelayChat { get; init; } = true;

    /// <summary>The folder for the SQLite stores and files: the configured store folder (or, with PostgreSQL, <see cref="Files"/>), else the default under the user's data folder.</summary>
    public string StoreFolder() => Cuboid.PostgreSql.PostgresDatabase.IsPostgres(Store) ? Files ?? DefaultStoreFolder : Store ?? DefaultStoreFolder;

    /// <summary><c>$XDG_DATA_HOME/cuboid/server</c>, else <c>~/.local/share/cuboid/server</c>: beside the CLI's job store.</summary>
    public static string DefaultStoreFolder => Path.Combine(Cuboid.Storage.SqliteVideoJobStore.DefaultDirectory, "server");
}
