using Cuboid.Server.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cuboid.Server.Hosting;

/// <summary>Ready when the store answers a query (it is opened, and migrated, on first use).</summary>
public sealed class StoreHealthCheck(IGatewayStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = store.Find("health");
            return Task.FromResult(HealthCheckResult.Healthy(store.Location));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException or TimeoutException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the store at {store.Location} cannot be read: {ex.Message.ReplaceLineEndings(" ")}"));
        }
    }
}
