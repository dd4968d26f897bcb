using Microsoft.Extensions.Logging;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// The job runner's log lines (category <c>Cuboid.Generation.Jobs.VideoJobRunner</c>, event ids 1300-1399),
/// source-generated so a disabled level costs one check. They carry job ids, hosts, states and the host's own error
/// text, which never holds a key (keys travel only in request headers).
/// </summary>
internal static partial class VideoJobLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Job {Job} at {Host} ({HostModel}): {State} ({RawState}), {Polls} polls, {CreateAttempts} create attempts")]
    public static partial void JobSaved(this ILogger logger, string job, string host, string hostModel, string state, string? rawState, int polls, int createAttempts);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Job {Job}: {Host} refused the create of {HostModel}: {Reason}")]
    public static partial void CreateRefused(this ILogger logger, string job, string host, string hostModel, string reason);
}
