using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Testing.Generation;

/// <summary>
/// OpenRouter's public video model list on loopback: <c>GET /api/v1/videos/models</c> answers <see cref="Body"/> (the
/// list's JSON, <c>{"data": [...]}</c>), without a key, as OpenRouter's does; anything else is a 404.
/// </summary>
public sealed class VideoCatalogSimulator : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The URL <c>cuboid models update --from</c> is given.</summary>
    public Uri ModelsUri => new(BaseUri, "api/v1/videos/models");

    public string Body { get; set; } = """{"data": []}""";

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<VideoCatalogSimulator> StartAsync()
    {
        var simulator = new VideoCatalogSimulator();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            Interlocked.Increment(ref simulator._requests);
            if (context.Request.Method != "GET" || context.Request.Path != "/api/v1/videos/models")
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(simulator.Body);
        });
        await app.StartAsync();
        simulator._app = app;
        simulator.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
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
