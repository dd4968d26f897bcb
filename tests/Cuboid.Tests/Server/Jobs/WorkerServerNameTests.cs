using Cuboid.Server.Jobs;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>A worker's Hangfire server name carries its process and role, and reads back after Hangfire adds its own suffix.</summary>
public sealed class WorkerServerNameTests
{
    [Fact]
    public void A_servers_id_names_its_process_role_and_queue()
    {
        // Hangfire makes the server id from the name: lower case, then ":PID:GUID".
        var id = $"{WorkerServerName.Format(ServerRoles.Worker, StepQueues.Providers)}:{Environment.ProcessId}:{Guid.NewGuid()}".ToLowerInvariant();

        var parsed = WorkerServerName.Parse(id);

        Assert.Equal($"{Environment.MachineName.ToLowerInvariant()}:{Environment.ProcessId}", parsed.Process);
        Assert.Equal(ServerRoles.Worker, parsed.Role);
        Assert.Equal(StepQueues.Providers, parsed.Queue);
    }

    [Fact]
    public void A_name_made_elsewhere_is_its_own_process_with_no_role()
    {
        var parsed = WorkerServerName.Parse("trace-test-abc:123:0b7c");

        Assert.Equal(new WorkerServerName("trace-test-abc:123:0b7c", null, null), parsed);
    }
}
