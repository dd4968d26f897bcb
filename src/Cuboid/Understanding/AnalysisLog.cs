using Microsoft.Extensions.Logging;

namespace Cuboid.Understanding;

/// <summary>The analyzer's log lines (category <c>Cuboid.Understanding.VideoAnalyzer</c>, event ids 1200-1299).</summary>
internal static partial class AnalysisLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Stage {Stage} started")]
    public static partial void StageStarted(this ILogger logger, string stage);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Stage {Stage} ended ({Outcome}) after {Seconds:0.###} s {Detail}")]
    public static partial void StageEnded(this ILogger logger, string stage, string outcome, double seconds, string detail);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Cache: {Hits} of {Items} {Stage} results came from the cache")]
    public static partial void CacheHits(this ILogger logger, string stage, int hits, int items);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Stage {Stage} stopped early: {Reason}")]
    public static partial void StageStopped(this ILogger logger, string stage, string reason);
}
