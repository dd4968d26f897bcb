namespace Cuboid.Server.Gateway;

/// <summary>What a request's <c>model</c> named: a task to route over, and the one model it is pinned to, if any.</summary>
public sealed record ModelChoice(string Task, string? PinnedModel);
