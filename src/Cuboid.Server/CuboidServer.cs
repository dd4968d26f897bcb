using System.Threading.RateLimiting;
using Cuboid.Server.Analyses;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Images;
using Cuboid.Server.Jobs;
using Cuboid.Server.Keys;
using Cuboid.Server.OpenAI;
using Cuboid.Server.Security;
using Cuboid.Server.Store;
using Cuboid.Server.Telemetry;
using Cuboid.Server.Ui;
using Cuboid.Server.Videos;
using Cuboid.Server.Webhooks;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Cuboid.Server;

/// <summary>
/// Builds the gateway: services (the library through <c>AddCuboid</c>, as the CLI composes it, with one
/// <see cref="GatewayModels"/> over its router; the store, key budgets, rate limits), middleware (errors, request size, callers) and the routes. <c>cuboid serve</c> and <c>Program</c> both
/// start here.
/// </summary>
public static class CuboidServer
{
    public const string KeyRateLimit = "per-key";

    // One client for the process: video hosts are polled for minutes, each request is short (as in the CLI).
    private static readonly HttpClient VideoHttp = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>The web application for <paramref name="args"/> (ASP.NET Core's: <c>--urls</c>, <c>--Cuboid:Store</c>, ...).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings are read once, not watched: ASP.NET Core's reload watches every folder under the working directory
        // (13,000 inotify watches for a server started in /, past some machines' limit) and wakes a thread for each
        // file written beneath it, the gateway's own stores among them.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] });
        // ASP.NET Core's own per-request lines (request starting, endpoint, request finished) at Warning, as its templates
        // set them; first in the sources, so appsettings.json or Logging__LogLevel__Microsoft.AspNetCore can lower it.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [KeyValuePair.Create("Logging:LogLevel:Microsoft.AspNetCore", (string?)"Warning")],
        });
        builder.Configuration.AddEnvironmentVariables();
        if (Environment.GetEnvironmentVariable("CUBOID_ADMIN_KEY") is { Length: > 0 } adminKey)
        {
            // The documented variable for the admin key; configuration (Cuboid__AdminKey) still wins when both are set.
            builder.Configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.AdminKey)}"] ??= adminKey;
        }

        configure?.Invoke(builder);
        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        // Jobs the gateway runs log through the host's logging, like every other part of the server.
        app.Services.GetRequiredService<VideoGateway>().LogTo(app.Services.GetRequiredService<ILoggerFactory>());
        MapRoutes(app);
        return app;
    }

    /// <summary>
    /// Runs the gateway on <paramref name="urls"/> until <paramref name="cancellationToken"/> fires (what
    /// <c>cuboid serve</c> calls). <paramref name="settings"/> override the <c>Cuboid</c> configuration section.
    /// </summary>
    public static async Task RunAsync(string urls, IReadOnlyDictionary<string, string?> settings, Action<string>? started, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(urls, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw CuboidException.Usage($"--urls '{urls}' is not an http:// or https:// URL");
        }

        var app = Build([], builder =>
        {
            builder.WebHost.UseUrls(urls);
            builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{ServerOptions.Section}:{s.Key}", s.Value)));
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OptionsValidationException)
        {
            await app.DisposeAsync();
            throw ex is OptionsValidationException invalid
                // The library's settings are validated at start (AddCuboid): one line naming the setting, as the CLI says it.
                ? CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, string.Join("; ", invalid.Failures))
                : CuboidException.Usage($"cannot listen on {urls}: {ex.Message.ReplaceLineEndings(" ")}");
        }

        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        started?.Invoke($"serving on {urls} (store {app.Services.GetRequiredService<IGatewayStore>().Location}; web UI at {urls.TrimEnd('/')}/ui/; API reference at {urls.TrimEnd('/')}/scalar; admin API {(options.AdminKey is { Length: > 0 } ? "on" : "off: set CUBOID_ADMIN_KEY")})");
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayStorage();
        services.AddSingleton<VerifiedKeyCache>();
        // After the stores, so the library's registration keeps the gateway's job store and cache.
        services.AddGatewayLibrary();
        services.AddSingleton(sp => new KeyBudgets(sp.GetRequiredService<IGatewayStore>(), sp.GetRequiredService<GatewayModels>(), sp.GetRequiredService<GatewayModels>().Time));
        services.AddSingleton(sp => VideoGateway.Load(sp.GetRequiredService<IOptions<ServerOptions>>().Value, sp.GetRequiredService<Cuboid.Generation.Jobs.IVideoJobStore>(), sp.GetRequiredService<Cuboid.Portfolio.IEnvironmentVariables>(), VideoHttp, sp.GetRequiredService<IOptions<WebhookOptions>>().Value.CallbackFor));
        services.AddSingleton<VideoJobService>();
        services.AddHostedService(sp => sp.GetRequiredService<VideoJobService>());
        services.AddSingleton(sp => new AnalysisGateway(sp));
        services.AddSingleton<AnalysisService>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisService>());
        services.AddGatewayUi();
        services.AddOutboundSafety(configuration);
        services.AddGatewayWebhooks(configuration);
        services.AddGatewayTelemetry(configuration);
        services.AddCuboidScaleOut(configuration);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
            limiter.AddPolicy(KeyRateLimit, context =>
            {
                // One fixed one-minute window per key that has an rpm; the admin and keys without one are not limited.
                var caller = context.Items.ContainsKey("cuboid.caller") ? CallerAuthentication.CallerOf(context) : null;
                return caller?.Key?.Rpm is { } rpm
                    ? RateLimitPartition.GetFixedWindowLimiter(caller.Partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = rpm, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unlimited");
            });
        });
    }

    public static void MapRoutes(WebApplication app)
    {
        app.UseMiddleware<OpenAIErrorMiddleware>();
        app.UseMiddleware<RequestSizeMiddleware>();
        app.UseMiddleware<CallerAuthentication>();
        app.UseRateLimiter();

        app.MapGatewayTelemetry();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });

        var v1 = app.MapGroup("/v1").RequireRateLimiting(KeyRateLimit).WithTags("OpenAI-compatible");
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync)
            .WithSummary("Chat completion, plain or streamed (SSE), routed over the portfolio");
        v1.MapGet("/models", ModelsEndpoint.Handle)
            .WithSummary("The catalog with decayed ratings and prices; ?task= filters");
        v1.MapPost("/audio/transcriptions", TranscriptionsEndpoint.HandleAsync)
            .WithSummary("Speech to text (multipart: file, model, language, response_format)")
            .DisableAntiforgery();
        VideosEndpoints.Map(v1);
        ImagesEndpoint.Map(v1);
        AnalysesEndpoints.Map(v1);
        app.MapCuboidScaleOut(v1);

        var admin = app.MapGroup("/admin").WithTags("Admin");
        AdminKeysEndpoints.Map(admin);
        app.MapGatewayUi();
        app.MapGatewayWebhooks(admin);
    }
}
