namespace Cuboid.Server.Jobs;

/// <summary>The roles a <c>cuboid serve</c> process plays (<c>--role</c>).</summary>
public static class ServerRoles
{
    /// <summary>The API and a worker in one process: the single-machine default.</summary>
    public const string All = "all";

    /// <summary>Accepts requests and queues steps; runs none.</summary>
    public const string Api = "api";

    /// <summary>Runs steps from its queues.</summary>
    public const string Worker = "worker";
}
