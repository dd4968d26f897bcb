namespace Cuboid.Server.Jobs;

/// <summary>
/// The name each of a process's Hangfire servers (one per queue) gets: <c>MACHINE:PID:ROLE:QUEUE:SUFFIX</c>, so the
/// dashboard and <c>GET /v1/workers</c> can tell which process it belongs to and the role that process plays. Hangfire
/// appends its own <c>:PID:GUID</c> and lower-cases the whole to make the server id.
/// </summary>
public sealed record WorkerServerName(string Process, string? Role, string? Queue)
{
    public static string Format(string role, string queue) =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{role}:{queue}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The parts of a server id; a name not made by <see cref="Format"/> is its own process, role and queue unknown.</summary>
    public static WorkerServerName Parse(string serverId)
    {
        ArgumentNullException.ThrowIfNull(serverId);
        var parts = serverId.Split(':');
        return parts.Length >= 5 && parts[2] is ServerRoles.All or ServerRoles.Worker or ServerRoles.Api
            ? new WorkerServerName($"{parts[0]}:{parts[1]}", parts[2], parts[3])
            : new WorkerServerName(serverId, null, null);
    }
}
