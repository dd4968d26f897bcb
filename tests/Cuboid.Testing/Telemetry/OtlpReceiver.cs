using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Testing.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP collector (127.0.0.1, random port) that keeps the names of the spans posted to
/// <c>/v1/traces</c> (protobuf, as OpenTelemetry's exporters send them) and counts the bodies posted to
/// <c>/v1/metrics</c> and <c>/v1/logs</c>. Point an exporter at <see cref="BaseUri"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _spanNames = new();
    private readonly ConcurrentDictionary<string, int> _posts = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private OtlpReceiver()
    {
    }

    /// <summary>The collector's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The name of every span received so far, in arrival order.</summary>
    public IReadOnlyList<string> SpanNames => [.. _spanNames];

    /// <summary>How many export requests arrived on <paramref name="path"/> (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
    public int Posts(string path) => _posts.GetValueOrDefault(path);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, string signal)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _posts.AddOrUpdate($"/v1/{signal}", 1, (_, n) => n + 1);
        if (signal == "traces")
        {
            foreach (var name in OtlpTraceReader.SpanNames(body.ToArray()))
            {
                _spanNames.Enqueue(name);
            }
        }

        // An empty ExportServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
