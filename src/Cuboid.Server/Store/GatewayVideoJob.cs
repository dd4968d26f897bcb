namespace Cuboid.Server.Store;

/// <summary>A video job the gateway started, and the key it belongs to (null: the admin).</summary>
public sealed record GatewayVideoJob(string JobId, string? KeyId);
