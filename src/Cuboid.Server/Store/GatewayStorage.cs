using Cuboid.Generation.Jobs;
using Cuboid.PostgreSql;
using Cuboid.Storage;

namespace Cuboid.Server.Store;

/// <summary>
/// The one place the gateway's stores are chosen: the embedded SQLite stores in the store folder (the default: nothing
/// else to run), or, when <see cref="ServerOptions.Store"/> names a PostgreSQL database (<c>postgres://...</c> or
/// <c>Host=...</c>), the PostgreSQL stores on one pooled data source, shared with every other process on that database.
/// Files (uploads, reports, MP4s) stay on disk in <see cref="ServerOptions.StoreFolder"/> either way.
/// </summary>
public sealed class GatewayStorage : IDisposable
{
    private readonly PostgresDatabase? _database;
    private FileStream? _serveLock;

    private GatewayStorage(IGatewayStore gateway, IVideoJobStore videoJobs, IAnalysisCache cache, PostgresDatabase? database)
    {
        Gateway = gateway;
        VideoJobs = videoJobs;
        Cache = cache;
        _database = database;
    }

    public IGatewayStore Gateway { get; }

    public IVideoJobStore VideoJobs { get; }

    public IAnalysisCache Cache { get; }

    /// <summary>Where the records are: the SQLite file or <c>postgresql://host:port/database</c> (never a password).</summary>
    public string Location => Gateway.Location;

    /// <summary>
    /// Opens (creating or upgrading) every store <paramref name="options"/> name; one usage error when the store cannot be
    /// used. With <paramref name="lockFolder"/>, a SQLite folder is this process's alone (<see cref="SqliteServeLock"/>).
    /// </summary>
    public static GatewayStorage Open(ServerOptions options, bool lockFolder = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = options.StoreFolder();
        if (!PostgresDatabase.IsPostgres(options.Store))
        {
            var serveLock = lockFolder ? SqliteServeLock.Acquire(files) : null;
            try
            {
                return new GatewayStorage(GatewayStore.Open(files), SqliteVideoJobStore.Open(Path.Combine(files, "videos")),
                    AnalysisCache.Open(Path.Combine(files, "cache")), null) { _serveLock = serveLock };
            }
            catch
            {
                serveLock?.Dispose();
                throw;
            }
        }

        var database = PostgresDatabase.Create(options.Store!);
        try
        {
            return new GatewayStorage(PostgresGatewayStore.Open(database), PostgresVideoJobStore.Open(database, Path.Combine(files, "videos")),
                PostgresAnalysisCache.Open(database), database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Only the key store (what <c>cuboid keys</c> needs): a folder or a PostgreSQL location.</summary>
    public static IGatewayStore OpenGatewayStore(string store) =>
        PostgresDatabase.IsPostgres(store) ? PostgresGatewayStore.Open(PostgresDatabase.Create(store)) : GatewayStore.Open(store);

    public void Dispose()
    {
        // The SQLite store writes its queued settles first.
        (Gateway as IDisposable)?.Dispose();
        _database?.Dispose();
        _serveLock?.Dispose();
    }
}
