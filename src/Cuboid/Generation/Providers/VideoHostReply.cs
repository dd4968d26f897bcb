using System.Text.Json;

namespace Cuboid.Generation.Providers;

/// <summary>A host's JSON answer (a detached copy, safe to keep) and its poll-after hint, if it gave one.</summary>
internal sealed record VideoHostReply(JsonElement Body, TimeSpan? PollAfter);
