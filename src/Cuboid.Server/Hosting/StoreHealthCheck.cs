using Cuboid.Server.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cuboid.Server.Hosting;

/// <summary>Ready when the store answers a query (it is opened, and migrated, on first use).</summary>
public sealed class StoreHealthCheck(GatewayStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = store.Find("health");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the store cannot be read"));
        }
    }
}
