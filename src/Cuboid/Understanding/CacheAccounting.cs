using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Puts what the cache served into the run's usage: answers per stage, the models that wrote the cached captions,
/// and the cost of the earlier run of the same video that paid for them, so a re-run reads "from cache, $0 this
/// run" beside what it originally cost rather than as an all-zero table.
/// </summary>
internal static class CacheAccounting
{
    public static UsageReport Apply(UsageReport usage, CaptionStageResult captions, TranscribeStageResult heard, bool synthesisCached, IAnalysisCache? cache, string videoPath)
    {
        var hits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [AnalysisTasks.Caption] = captions.CacheHits,
            [AnalysisTasks.Transcribe] = heard.CacheHits,
            [AnalysisTasks.Reason] = synthesisCached ? 1 : 0,
        };
        if (hits.Values.All(h => h == 0))
        {
            return usage;
        }

        var cachedCaptionModels = captions.Samples.Where(s => s.FromCache && s.Model is not null).Select(s => s.Model!);
        var stages = usage.Stages.Select(stage => stage with
        {
            CacheHits = hits.GetValueOrDefault(stage.Stage),
            Models = stage.Stage == AnalysisTasks.Caption
                ? [.. (stage.Models ?? []).Concat(cachedCaptionModels).Distinct(StringComparer.Ordinal)]
                : stage.Models,
        });
        return new UsageReport([.. stages]) { OriginalRun = OriginalRun(cache, videoPath) };
    }

    /// <summary>The latest earlier run of this file that paid for something; null when the cache has none.</summary>
    private static OriginalRunCost? OriginalRun(IAnalysisCache? cache, string videoPath)
    {
        var source = Path.GetFullPath(videoPath);
        var paid = cache?.Runs().Where(r => r.Source == source && r.Dollars > 0).MaxBy(r => r.FinishedAt);
        return paid is null ? null : new OriginalRunCost(paid.Dollars, paid.FinishedAt);
    }
}
