using Microsoft.Extensions.Logging;

namespace Cuboid.Portfolio;

/// <summary>
/// The router's log lines (category <c>Cuboid.Portfolio.CallRouter</c>, event ids 1100-1199), source-generated so a
/// disabled level costs one check. Messages carry model ids and provider errors, which never hold a key.
/// </summary>
internal static partial class RouterLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Routing {Task} to {Model} first ({Candidates} candidates)")]
    public static partial void RouteChosen(this ILogger logger, string task, string model, int candidates);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Model} did not answer {Task} after {Attempts} attempts: {Reason}")]
    public static partial void AttemptFailed(this ILogger logger, string task, string model, int attempts, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Falling back for {Task} from {From} to {To} ({Reason})")]
    public static partial void FallingBack(this ILogger logger, string task, string from, string to, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Skipping {Model} for {Task}: ~${Estimate} does not fit the budget (${Remaining} left)")]
    public static partial void BudgetRefused(this ILogger logger, string task, string model, decimal estimate, decimal? remaining);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Circuit opened for {Breaker} for {BreakSeconds} s: it kept failing")]
    public static partial void BreakerOpened(this ILogger logger, string breaker, double breakSeconds);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Circuit closed for {Breaker}: it answers again")]
    public static partial void BreakerClosed(this ILogger logger, string breaker);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Circuit half-open for {Breaker}: trying one call")]
    public static partial void BreakerHalfOpened(this ILogger logger, string breaker);
}
