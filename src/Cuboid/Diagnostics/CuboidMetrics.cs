using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cuboid.Portfolio;

namespace Cuboid.Diagnostics;

/// <summary>
/// The instruments of the <c>Cuboid</c> meter. Every booked model call (the usage ledger's records) feeds the call,
/// token, dollar and duration instruments; the router adds fallbacks, the analyzer stage durations.
/// </summary>
public static class CuboidMetrics
{
    /// <summary>Counter of model calls booked (one per model per routed call), by task, provider, model and outcome.</summary>
    public const string CallsName = "cuboid.calls";

    /// <summary>Counter of tokens, by task, provider, model and <c>gen_ai.token.type</c> (<c>input</c>/<c>output</c>).</summary>
    public const string TokensName = "cuboid.tokens";

    /// <summary>Counter of dollars spent from catalog prices, by task, provider and model.</summary>
    public const string DollarsName = "cuboid.dollars";

    /// <summary>Counter of fallbacks: the router moving on after a model failed, by task, provider and model that failed.</summary>
    public const string FallbacksName = "cuboid.fallbacks";

    /// <summary>Histogram of one model's part of a routed call, retries included, in seconds.</summary>
    public const string CallDurationName = "cuboid.call.duration";

    /// <summary>Histogram of analysis stage durations in seconds, by <c>cuboid.stage</c> and outcome.</summary>
    public const string StageDurationName = "cuboid.analysis.stage.duration";

    private static readonly Counter<long> Calls = CuboidDiagnostics.Meter.CreateCounter<long>(CallsName, "{call}", "Model calls booked, one per model per routed call.");
    private static readonly Counter<long> Tokens = CuboidDiagnostics.Meter.CreateCounter<long>(TokensName, "{token}", "Tokens sent and received.");
    private static readonly Counter<double> Dollars = CuboidDiagnostics.Meter.CreateCounter<double>(DollarsName, "USD", "Dollars spent, from catalog prices.");
    private static readonly Counter<long> Fallbacks = CuboidDiagnostics.Meter.CreateCounter<long>(FallbacksName, "{fallback}", "Times the router moved on to the next model after one failed.");
    private static readonly Histogram<double> CallDuration = CuboidDiagnostics.Meter.CreateHistogram<double>(CallDurationName, "s", "One model's part of a routed call, retries included.");
    private static readonly Histogram<double> StageDuration = CuboidDiagnostics.Meter.CreateHistogram<double>(StageDurationName, "s", "Duration of one analysis stage.");

    /// <summary>Counts one booked call: the call, its tokens, its dollars and its duration.</summary>
    internal static void Booked(UsageRecord record)
    {
        // Tags are only built when someone listens: the router's hot path pays two field reads otherwise.
        if (!Calls.Enabled && !Tokens.Enabled && !Dollars.Enabled && !CallDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryTags.Task, record.Task },
            { TelemetryTags.ProviderName, record.Provider },
            { TelemetryTags.RequestModel, record.ModelId },
        };
        CallDuration.Record(record.Latency.TotalSeconds, tags);
        if (record.Dollars != 0)
        {
            Dollars.Add((double)record.Dollars, tags);
        }

        if (record.InputTokens != 0 || record.OutputTokens != 0)
        {
            var input = tags;
            input.Add(TelemetryTags.TokenType, "input");
            Tokens.Add(record.InputTokens, input);
            var output = tags;
            output.Add(TelemetryTags.TokenType, "output");
            Tokens.Add(record.OutputTokens, output);
        }

        tags.Add(TelemetryTags.Outcome, OutcomeName(record.Outcome));
        Calls.Add(1, tags);
    }

    internal static void Fallback(string task, string provider, string modelId)
    {
        if (Fallbacks.Enabled)
        {
            Fallbacks.Add(1, new TagList
            {
                { TelemetryTags.Task, task },
                { TelemetryTags.ProviderName, provider },
                { TelemetryTags.RequestModel, modelId },
            });
        }
    }

    internal static void StageEnded(string stage, string outcome, TimeSpan elapsed)
    {
        if (StageDuration.Enabled)
        {
            StageDuration.Record(elapsed.TotalSeconds, new TagList { { TelemetryTags.Stage, stage }, { TelemetryTags.Outcome, outcome } });
        }
    }

    internal static string OutcomeName(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Succeeded => "succeeded",
        CallOutcome.Failed => "failed",
        CallOutcome.Truncated => "truncated",
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.Rejected => "rejected",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
