namespace Cuboid.Diagnostics;

/// <summary>
/// Attribute names on Cuboid's spans and metrics: OpenTelemetry GenAI semantic-convention names where one applies
/// (<c>gen_ai.*</c>, <c>error.type</c>), <c>cuboid.*</c> for the rest.
/// </summary>
public static class TelemetryTags
{
    /// <summary>OpenTelemetry GenAI attribute: the operation (<c>chat</c>, <c>transcribe</c>...).</summary>
    public const string OperationName = "gen_ai.operation.name";
    /// <summary>OpenTelemetry GenAI attribute: the provider id from the catalog (<c>openai</c>, <c>anthropic</c>...).</summary>
    public const string ProviderName = "gen_ai.provider.name";
    /// <summary>OpenTelemetry GenAI attribute: the model asked for (<c>provider:model</c>).</summary>
    public const string RequestModel = "gen_ai.request.model";
    /// <summary>OpenTelemetry GenAI attribute: the model that answered (<c>provider:model</c>), after any fallback.</summary>
    public const string ResponseModel = "gen_ai.response.model";
    /// <summary>OpenTelemetry GenAI attribute: input tokens of the call.</summary>
    public const string InputTokens = "gen_ai.usage.input_tokens";
    /// <summary>OpenTelemetry GenAI attribute: output tokens of the call.</summary>
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    /// <summary>OpenTelemetry GenAI attribute on the token counter: <c>input</c> or <c>output</c>.</summary>
    public const string TokenType = "gen_ai.token.type";
    /// <summary>OpenTelemetry attribute: the failure's kind, set only when the call failed.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The routed task (<c>caption</c>, <c>transcribe</c>, <c>reason</c>, <c>t2v</c>...).</summary>
    public const string Task = "cuboid.task";

    /// <summary>How a call ended: <c>succeeded</c>, <c>failed</c>, <c>truncated</c>, <c>abandoned</c>, <c>rejected</c>.</summary>
    public const string Outcome = "cuboid.outcome";

    /// <summary>Requests sent to one model for one routed call (first try plus retries).</summary>
    public const string Attempts = "cuboid.attempts";

    /// <summary>What the call cost, in US dollars.</summary>
    public const string Dollars = "cuboid.cost.usd";

    /// <summary>The run (<c>RunScope.Id</c>) a routed call is booked to.</summary>
    public const string RunId = "cuboid.run.id";
    /// <summary>How many models the route could try, in order.</summary>
    public const string Candidates = "cuboid.route.candidates";
    /// <summary>The model a fallback left (<c>provider:model</c>).</summary>
    public const string FallbackFrom = "cuboid.fallback.from";
    /// <summary>The model a fallback went to (<c>provider:model</c>).</summary>
    public const string FallbackTo = "cuboid.fallback.to";
    /// <summary>Why the fallback happened (the failure kind of the model left).</summary>
    public const string FallbackReason = "cuboid.fallback.reason";
    /// <summary>The analysis stage of a span (<c>sample</c>, <c>caption</c>, <c>transcribe</c>, <c>synthesize</c>...).</summary>
    public const string Stage = "cuboid.stage";
    /// <summary>The video job's id.</summary>
    public const string JobId = "cuboid.job.id";
    /// <summary>The video job's normalised state (<c>queued</c>, <c>running</c>, <c>succeeded</c>...).</summary>
    public const string JobState = "cuboid.job.state";
}
