namespace Cuboid.Server.Batches;

/// <summary>Where a batch's video stands.</summary>
public static class BatchItemStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
