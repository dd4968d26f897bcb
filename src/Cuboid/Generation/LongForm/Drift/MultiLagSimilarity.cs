namespace Cuboid.Generation.LongForm;

/// <summary>
/// The multi-lag similarity curve: mean SSIM of frame pairs (t, t + lag) over the whole video, for lags of 2, 5, 10,
/// 20 and 50 frames. Adjacent-frame scores hide slow drift; the drop from the shortest to the longest lag shows it.
/// </summary>
/// <param name="Lags">The lags in frames.</param>
/// <param name="Similarity">Mean SSIM per lag (null when the video has no pair that far apart).</param>
/// <param name="Area">Mean over the lags that have a value.</param>
/// <param name="Drop">Similarity at the shortest lag minus at the longest lag that has a value.</param>
public sealed record MultiLagSimilarity(IReadOnlyList<int> Lags, IReadOnlyList<double?> Similarity, double? Area, double? Drop)
{
    /// <summary>The lags in frames measured by default: 2, 5, 10, 20 and 50.</summary>
    public static IReadOnlyList<int> DefaultLags { get; } = [2, 5, 10, 20, 50];
}
