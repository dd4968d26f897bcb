namespace Cuboid.Generation.Jobs;

/// <summary>
/// Cuboid's id of a video job: <c>{host}.{time-ordered random}</c>, e.g. <c>fal.019a3c...</c>. It exists before the create
/// request is sent (the job is recorded first), so it cannot hold the host's own id; it names the host so a job always
/// routes back to the host, route and key that created it, never to whatever serves the model today.
/// </summary>
internal static class VideoJobId
{
    public static string New(string host, TimeProvider time) =>
        $"{host}.{Guid.CreateVersion7(time.GetUtcNow()):N}";

    /// <summary>The host named by a job id, or null when the text is not a Cuboid job id.</summary>
    public static string? HostOf(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && dot < id.Length - 1 && id[(dot + 1)..].All(char.IsAsciiHexDigitLower) ? id[..dot] : null;
    }
}
