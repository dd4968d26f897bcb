using Cuboid.Server.Gateway;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Hosting;

/// <summary>
/// Caps request bodies: multipart uploads at <see cref="ServerOptions.MaxUploadBytes"/>, everything else at
/// <see cref="ServerOptions.MaxRequestBytes"/>. A declared length over the cap is refused before the body is read;
/// a chunked body is cut off by the server's own limit as it is read.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, IOptions<ServerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.Request.HasFormContentType ? options.Value.MaxUploadBytes : options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            throw GatewayException.TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
