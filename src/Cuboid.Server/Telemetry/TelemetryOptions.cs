namespace Cuboid.Server.Telemetry;

/// <summary>
/// The gateway's telemetry export, from <c>Cuboid:Telemetry</c>. Nothing is collected unless something reads it: no
/// OTLP endpoint and <see cref="MetricsAccess.Off"/> leave the OpenTelemetry SDK out of the process entirely.
/// </summary>
public sealed record TelemetryOptions
{
    public const string Section = ServerOptions.Section + ":Telemetry";

    /// <summary>
    /// The OTLP collector's base URL (<c>http://127.0.0.1:4318</c>): traces, metrics and logs go to <c>/v1/traces</c>,
    /// <c>/v1/metrics</c> and <c>/v1/logs</c> under it. Unset, the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the
    /// other <c>OTEL_EXPORTER_OTLP_*</c> variables) is used when set.
    /// </summary>
    public Uri? Otlp { get; init; }

    /// <summary>The OTLP transport for <see cref="Otlp"/>: <c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; init; } = "http/protobuf";

    /// <summary>Who may scrape <see cref="MetricsPath"/> in the Prometheus text format.</summary>
    public MetricsAccess Metrics { get; init; } = MetricsAccess.Off;

    /// <summary>Where the Prometheus scrape endpoint is served.</summary>
    public string MetricsPath { get; init; } = "/metrics";
}
