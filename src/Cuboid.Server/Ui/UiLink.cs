namespace Cuboid.Server.Ui;

/// <summary>What a signed file link opens: a video job's MP4 or an analysis's report folder, for whom, until when.</summary>
/// <param name="Kind"><see cref="UiLinks.Video"/> or <see cref="UiLinks.Analysis"/>.</param>
/// <param name="KeyId">The virtual key that asked for the link; null for the admin.</param>
public sealed record UiLink(string Kind, string Id, string? KeyId, DateTimeOffset ExpiresAt);
