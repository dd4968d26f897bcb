using System.Globalization;
using System.Net.Http.Headers;
using Cuboid.Testing.Postgres;
using Cuboid.Testing.Processes;

namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// The scale-out layout as real processes on this machine (what <c>scripts/cluster-local.sh</c> starts): a fresh
/// PostgreSQL database as the step queue, one <c>cuboid serve --role api</c> and N <c>--role
/// worker</c> processes sharing a store folder, all configured with the latency simulator as their provider. CPU time
/// is counted per process from <see cref="MarkCpu"/> on, so start-up and JIT warm-up stay out of what is measured.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminKey = "cbk-admin-bench-0123456789";

    private readonly PostgresTestDatabase _database;
    private readonly string _store;
    private readonly ServeProcess _api;
    private readonly IReadOnlyList<ServeProcess> _workers;
    private TimeSpan _apiMark;
    private TimeSpan _workersMark;

    private LocalCluster(PostgresTestDatabase database, string store, ServeProcess api, IReadOnlyList<ServeProcess> workers)
    {
        _database = database;
        _store = store;
        _api = api;
        _workers = workers;
        Client = new HttpClient { BaseAddress = api.Url, Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>The API process's client, signed in with the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>The queue's database, for <see cref="StepTimeline"/>.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <param name="queues">Each worker's <c>--queues</c>, e.g. <c>media:1,providers:1</c>.</param>
    /// <param name="longPolling">Hangfire.PostgreSql's LISTEN/NOTIFY wake-up (the default) or polling alone.</param>
    public static async Task<LocalCluster> StartAsync(LatencyProviders providers, int workers, string queues, bool longPolling)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var store = Directory.CreateTempSubdirectory("cuboid-bench-cluster-").FullName;
        var environment = new Dictionary<string, string>
        {
            [LatencyProviders.KeyVariable] = Testing.Simulators.ProviderSimulator.DefaultApiKey,
            ["CUBOID_ADMIN_KEY"] = AdminKey,
            ["Cuboid__LongPolling"] = longPolling ? "true" : "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        string[] shared = ["--store", store, "--jobs", database.ConnectionString, "--config", providers.ConfigPath];
        var api = ServeProcess.Start([.. shared, "--role", "api"], environment);
        var started = new List<ServeProcess>();
        try
        {
            // The API creates the schemas; the workers find them installed.
            await api.WaitUntilLiveAsync(TimeSpan.FromMinutes(3));
            for (var i = 0; i < workers; i++)
            {
                started.Add(ServeProcess.Start([.. shared, "--role", "worker", "--queues", queues], environment));
            }

            await Task.WhenAll(started.Select(w => w.WaitUntilLiveAsync(TimeSpan.FromMinutes(3))));
        }
        catch
        {
            started.ForEach(w => w.Dispose());
            api.Dispose();
            await database.DisposeAsync();
            throw;
        }

        return new LocalCluster(database, store, api, started);
    }

    /// <summary>Counts CPU time from now on.</summary>
    public void MarkCpu()
    {
        _apiMark = _api.CpuTime ?? TimeSpan.Zero;
        _workersMark = WorkersCpu();
    }

    /// <summary>CPU time since <see cref="MarkCpu"/>: the API process, and the workers with their ffmpeg children.</summary>
    public (TimeSpan Api, TimeSpan Workers) CpuSinceMark() => ((_api.CpuTime ?? TimeSpan.Zero) - _apiMark, WorkersCpu() - _workersMark);

    private TimeSpan WorkersCpu() => _workers.Aggregate(TimeSpan.Zero, (sum, w) => sum + (w.CpuTime ?? TimeSpan.Zero));

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"1 API + {_workers.Count} worker processes");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        _api.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }
}
