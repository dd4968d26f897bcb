namespace Cuboid.Server.Batches;

/// <summary>
/// What an item's first step found, kept as <c>items/ID/manifest.json</c> for its later steps: the video's length and
/// audio, and the frames worth captioning (near-duplicates already dropped), exported to <c>items/ID/frames/</c>.
/// </summary>
public sealed record FrameManifest(double DurationSeconds, bool HasAudio, IReadOnlyList<ManifestFrame> Frames)
{
    /// <summary>Frames per caption step: a step makes a few calls, never one per video's worth.</summary>
    public const int CaptionBatchSize = 8;

    public int CaptionBatches => (Frames.Count + CaptionBatchSize - 1) / CaptionBatchSize;

    public IEnumerable<ManifestFrame> Batch(int index) => Frames.Skip(index * CaptionBatchSize).Take(CaptionBatchSize);
}
