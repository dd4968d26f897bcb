using Cuboid.Diagnostics;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cuboid.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the gateway: the library's <c>Cuboid</c> source and meter (calls, tokens, dollars, fallbacks,
/// spans per route and per model tried), Polly's meter, ASP.NET Core and HttpClient instrumentation, exported over
/// OTLP (traces, metrics, logs) and/or scraped by Prometheus, as <see cref="TelemetryOptions"/> says.
/// </summary>
public static class GatewayTelemetry
{
    public const string ServiceName = "cuboid-gateway";

    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Registers the export <paramref name="configuration"/> asks for; nothing at all when it asks for none.</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.Otlp is not null || !string.IsNullOrEmpty(configuration[OtlpEndpointVariable]);
        var prometheus = options.Metrics != MetricsAccess.Off;
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: CuboidDiagnostics.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CuboidDiagnostics.Name, "Polly").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            // Spans and logs only have somewhere to go over OTLP; Prometheus carries metrics alone.
            telemetry.WithTracing(tracing => tracing.AddSource(CuboidDiagnostics.Name).AddAspNetCoreInstrumentation(ExcludeScrapes(options)).AddHttpClientInstrumentation())
                .WithLogging();
            if (options.Otlp is { } endpoint)
            {
                telemetry.UseOtlpExporter(Protocol(options.OtlpProtocol), endpoint);
            }
            else
            {
                telemetry.UseOtlpExporter();
            }
        }

        return services;
    }

    /// <summary>Serves the Prometheus scrape endpoint when configured, to the admin key or to anyone.</summary>
    public static WebApplication MapGatewayTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Metrics == MetricsAccess.Off)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(options.MetricsPath).WithTags("Operations").ExcludeFromDescription();
        if (options.Metrics == MetricsAccess.Admin)
        {
            var adminKey = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.AdminKey;
            endpoint.Add(route =>
            {
                var scrape = route.RequestDelegate!;
                route.RequestDelegate = context => IsAdmin(context.Request, adminKey)
                    ? scrape(context)
                    : throw GatewayException.Unauthorized($"{options.MetricsPath} needs the admin key: send 'Authorization: Bearer <admin key>'");
            });
        }

        return app;
    }

    private static bool IsAdmin(HttpRequest request, string? adminKey)
    {
        var auth = request.Headers.Authorization.ToString();
        return adminKey is { Length: > 0 }
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && KeySecrets.SameSecret(auth["Bearer ".Length..].Trim(), adminKey);
    }

    private static Action<OpenTelemetry.Instrumentation.AspNetCore.AspNetCoreTraceInstrumentationOptions> ExcludeScrapes(TelemetryOptions options) =>
        aspNet => aspNet.Filter = context => !context.Request.Path.StartsWithSegments(options.MetricsPath) && !context.Request.Path.StartsWithSegments("/health");

    private static OtlpExportProtocol Protocol(string name) => name.ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw CuboidException.Usage($"{TelemetryOptions.Section}:OtlpProtocol '{name}' is not 'http/protobuf' or 'grpc'"),
    };
}
