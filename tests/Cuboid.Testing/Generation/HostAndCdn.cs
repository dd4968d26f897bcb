using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Testing.Generation;

/// <summary>
/// The loopback server the generation host simulators run on: one handler on two random 127.0.0.1 ports, the host's API
/// (<see cref="ApiUri"/>) and a "CDN" for result files (<see cref="FilesUri"/>), so a key sent to a file URL is a key sent to
/// another server, as with real hosts. Also the JSON answer every simulated endpoint writes.
/// </summary>
internal sealed class HostAndCdn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostAndCdn(WebApplication app)
    {
        _app = app;
        ApiUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        FilesUri = new Uri(app.Urls.Skip(1).First().TrimEnd('/') + "/");
    }

    public Uri ApiUri { get; }

    public Uri FilesUri { get; }

    public static async Task<HostAndCdn> StartAsync(RequestDelegate handler, long? maxRequestBodySize, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
            if (maxRequestBodySize is { } max)
            {
                kestrel.Limits.MaxRequestBodySize = max;
            }
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        return new HostAndCdn(app);
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
