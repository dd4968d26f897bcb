namespace Cuboid.Diagnostics;

/// <summary>
/// Attribute names on Cuboid's spans and metrics: OpenTelemetry GenAI semantic-convention names where one applies
/// (<c>gen_ai.*</c>, <c>error.type</c>), <c>cuboid.*</c> for the rest.
/// </summary>
public static class TelemetryTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";

    /// <summary>The routed task (<c>caption</c>, <c>transcribe</c>, <c>reason</c>, <c>t2v</c>...).</summary>
    public const string Task = "cuboid.task";

    /// <summary>How a call ended: <c>succeeded</c>, <c>failed</c>, <c>truncated</c>, <c>abandoned</c>, <c>rejected</c>.</summary>
    public const string Outcome = "cuboid.outcome";

    /// <summary>Requests sent to one model for one routed call (first try plus retries).</summary>
    public const string Attempts = "cuboid.attempts";

    public const string Dollars = "cuboid.cost.usd";

    /// <summary>The run (<c>RunScope.Id</c>) a routed call is booked to.</summary>
    public const string RunId = "cuboid.run.id";
    public const string Candidates = "cuboid.route.candidates";
    public const string FallbackFrom = "cuboid.fallback.from";
    public const string FallbackTo = "cuboid.fallback.to";
    public const string FallbackReason = "cuboid.fallback.reason";
    public const string Stage = "cuboid.stage";
    public const string JobId = "cuboid.job.id";
    public const string JobState = "cuboid.job.state";
}
