namespace Cuboid.Server.Jobs;

/// <summary>The queues steps go to: CPU-bound media passes apart from network-bound provider calls.</summary>
public static class StepQueues
{
    /// <summary>Decoding, frame export, report writing: as many at once as the machine has cores to spare.</summary>
    public const string Media = "media";

    /// <summary>Caption batches, transcription, synthesis: waiting on providers, so many at once.</summary>
    public const string Providers = "providers";
}
