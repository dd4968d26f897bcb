using Cuboid.Server.Gateway;
using Cuboid.Server.Usage;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Ui;

/// <summary>
/// The web UI: static pages (HTML, CSS, vanilla JavaScript modules, embedded) at <c>/ui/</c> that call the gateway's own
/// JSON API with the key the person signed in with; <c>GET /v1/usage</c> for its spend charts; signed links for the
/// files a browser loads by itself. <c>/</c> redirects to the UI.
/// </summary>
public static class GatewayUi
{
    public static IServiceCollection AddGatewayUi(this IServiceCollection services)
    {
        services.AddSingleton(_ => UiAssets.Load());
        services.AddSingleton(sp => UiLinks.For(sp.GetRequiredService<IOptions<ServerOptions>>().Value.AdminKey, sp.GetRequiredService<GatewayModels>().Time));
        return services;
    }

    public static WebApplication MapGatewayUi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").RequireRateLimiting(CuboidServer.KeyRateLimit).WithTags("Cuboid");
        v1.MapGet("/usage", UsageEndpoint.Handle).WithSummary("Spend per day, model or key (?group=day|model|key&days=30); a key sees its own");
        UiFilesEndpoints.Map(v1, app);
        UiBatchFilesEndpoints.Map(v1, app);

        app.MapGet("/", () => Results.Redirect("/ui/")).ExcludeFromDescription();
        app.MapGet("/ui/{**path}", (string? path, HttpContext context, UiAssets assets) =>
        {
            if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            {
                // Routing matches /ui and /ui/ alike; the page's own address ends in a slash.
                return Results.Redirect("/ui/");
            }

            var asset = assets.Find(string.IsNullOrEmpty(path) ? "index.html" : path);
            if (asset is null)
            {
                return Results.NotFound();
            }

            UiSecurityHeaders.ForPage(context.Response);
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ETag = asset.ETag;
            return context.Request.Headers.IfNoneMatch == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();
        return app;
    }
}
