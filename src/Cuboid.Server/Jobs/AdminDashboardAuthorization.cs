using Cuboid.Server.Keys;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Jobs;

/// <summary>
/// The Hangfire dashboard (<c>/hangfire</c>) is for the admin only: the admin key as a bearer token, or (for a browser)
/// once as <c>?key=</c>, which sets an HTTP-only cookie holding the key's hash for the dashboard's own pages.
/// </summary>
public sealed class AdminDashboardAuthorization(IOptions<ServerOptions> options) : IDashboardAuthorizationFilter
{
    public const string Cookie = "cuboid-admin";

    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.Value.AdminKey is not { Length: > 0 } adminKey)
        {
            return false;
        }

        var http = context.GetHttpContext();
        var auth = http.Request.Headers.Authorization.ToString();
        var presented = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : http.Request.Query["key"].ToString();
        if (presented.Length > 0 && KeySecrets.SameSecret(presented, adminKey))
        {
            http.Response.Cookies.Append(Cookie, KeySecrets.Hash(adminKey), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/hangfire", Secure = http.Request.IsHttps });
            return true;
        }

        return http.Request.Cookies[Cookie] is { Length: > 0 } cookie && KeySecrets.SameSecret(cookie, KeySecrets.Hash(adminKey));
    }
}
