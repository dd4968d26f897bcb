using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Tests.Server.Security;

/// <summary>A real HTTP server on 127.0.0.1 (random port) answering with <see cref="Handler"/>: what a user-supplied URL points at in the SSRF and webhook tests.</summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebServer(WebApplication app, Func<HttpContext, Task> handler)
    {
        _app = app;
        Handler = handler;
    }

    public Func<HttpContext, Task> Handler { get; set; }

    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public static async Task<LoopbackWebServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackWebServer(app, handler);
        app.Run(context => server.Handler(context));
        await app.StartAsync();
        server.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
