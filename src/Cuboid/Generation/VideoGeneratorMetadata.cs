namespace Cuboid.Generation;

/// <summary>Which host a generator talks to (<c>fal</c>, <c>replicate</c>), where, and whether it can cancel a job.</summary>
public sealed record VideoGeneratorMetadata(string ProviderName, Uri? Endpoint, bool CanCancel);
