using Cuboid.Server.OpenAI;
using Microsoft.AspNetCore.RateLimiting;

namespace Cuboid.Server.Hosting;

/// <summary>The answer to a request over its key's rate: 429 with an OpenAI error body and a Retry-After when known.</summary>
public static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        if (rejected.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.WriteAsJsonAsync(new OpenAIError(new OpenAIErrorDetail("this key's rate limit (requests per minute) is used up; retry later", "requests", null, "rate_limit_exceeded")), cancellationToken);
    }
}
