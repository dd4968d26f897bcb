using Cuboid.Server.Batches;
using Cuboid.Server.Blobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Jobs;

/// <summary>
/// Scale-out wiring, one call each from <see cref="CuboidServer"/>: Hangfire on the configured storage (PostgreSQL
/// shared by a cluster, or memory for one process), one Hangfire server per queue this process works (none for
/// <c>--role api</c>), the trace filter, the batch store, the blob store and the step scheduler; then the batch and worker
/// routes and the dashboard behind the admin key.
/// </summary>
public static class ScaleOutServices
{
    private static readonly Lock FilterGate = new();
    private static bool _filterAdded;

    public static IServiceCollection AddCuboidScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ServerOptions.Section);
        services.Configure<ScaleOptions>(section);
        // The role and the queues decide which hosted services exist, so they are read now (the rest lazily).
        var scale = section.Get<ScaleOptions>() ?? new ScaleOptions();
        var queues = scale.Validate();

        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<IOptions<ScaleOptions>>().Value));
        // Registered before AddHangfire, whose own registration is the static JobActivator.Current that every host sets
        // as it starts: with several hosts in one process (the tests), a host's steps ran in another host's services
        // (its store, or a disposed provider), failed before reaching the step, and left their batch waiting for ever.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        AddTraceFilter();
        if (scale.RunsSteps)
        {
            foreach (var queue in queues)
            {
                services.AddHangfireServer((sp, options) =>
                {
                    options.Queues = [queue.Queue];
                    // The global filters and attributes, and this host's own: a step Hangfire gives up on ends its item or video job failed.
                    options.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<StepFailureFilter>() });
                    options.WorkerCount = queue.Workers;
                    // Unique per process and queue, readable in the dashboard and /v1/workers (which parses it back).
                    options.ServerName = WorkerServerName.Format(scale.Role, queue.Queue);
                    options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                    options.ShutdownTimeout = TimeSpan.FromSeconds(5);
                });
            }
        }

        services.AddSingleton(sp => BatchStorage.Open(sp.GetRequiredService<IOptions<ServerOptions>>().Value, sp.GetRequiredService<IOptions<ScaleOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<BatchStorage>().Store);
        services.AddSingleton<IBlobStore>(sp => new DirectoryBlobStore(sp.GetRequiredService<IOptions<ScaleOptions>>().Value.Blobs
            ?? Path.Combine(sp.GetRequiredService<IOptions<ServerOptions>>().Value.StoreFolder(), "blobs")));
        services.AddSingleton<StepScheduler>();
        services.AddSingleton<StepFailureFilter>();
        services.AddSingleton<Videos.VideoSettlement>();
        services.AddSingleton<Videos.VideoJobInputs>();
        services.AddSingleton<StepBooking>();
        services.AddTransient<AnalysisSteps>();
        services.AddTransient<Videos.VideoJobSteps>();
        services.AddHostedService<StepRecovery>();
        return services;
    }

    /// <summary>Adds the <see cref="TraceContextFilter"/> to Hangfire's global filters, once per process.</summary>
    public static void AddTraceFilter()
    {
        lock (FilterGate)
        {
            if (!_filterAdded)
            {
                GlobalJobFilters.Filters.Add(new TraceContextFilter());
                _filterAdded = true;
            }
        }
    }

    public static void MapCuboidScaleOut(this WebApplication app, RouteGroupBuilder v1)
    {
        BatchesEndpoints.Map(v1);
        WorkersEndpoint.Map(v1);
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization(app.Services.GetRequiredService<IOptions<ServerOptions>>())],
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
    }
}
