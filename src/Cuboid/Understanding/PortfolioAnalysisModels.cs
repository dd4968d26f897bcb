using Cuboid.Portfolio;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// The analysis's models from a run of the <see cref="ModelRouter"/>: the router's clients per task (with
/// the user's pins and policy) bound to that <see cref="RunScope"/>, the router's candidate order for planning and
/// cache lookups, and the run's usage ledger per task. A task with no usable candidate gets no client. The run may be
/// one bound to no router (a long video's, whose judge's calls share its budget and ledger with the video jobs).
/// </summary>
internal sealed class PortfolioAnalysisModels : IAnalysisModels
{
    private readonly ModelRouter _router;
    private readonly RunScope _run;
    private readonly Dictionary<string, RouteConstraints> _constraints;

    public PortfolioAnalysisModels(RunScope run, AnalysisModelChoices? choices = null)
        : this(run.Router, run, choices)
    {
    }

    public PortfolioAnalysisModels(ModelRouter router, RunScope run, AnalysisModelChoices? choices = null)
    {
        _router = router;
        _run = run;
        choices ??= new AnalysisModelChoices();

        _constraints = new(StringComparer.Ordinal)
        {
            [AnalysisTasks.Caption] = new RouteConstraints { PinnedModel = choices.Captioner, Policy = choices.Policy, NeedsImages = true },
            [AnalysisTasks.Transcribe] = new RouteConstraints { PinnedModel = choices.Transcriber, Policy = choices.Policy },
            [AnalysisTasks.Reason] = new RouteConstraints { PinnedModel = choices.Reasoner, Policy = choices.Policy },
        };
        foreach (var (task, pinned, option) in new[] { (AnalysisTasks.Caption, choices.Captioner, CuboidParameters.Captioner), (AnalysisTasks.Transcribe, choices.Transcriber, CuboidParameters.Transcriber), (AnalysisTasks.Reason, choices.Reasoner, CuboidParameters.Reasoner) })
        {
            if (pinned is not null && Candidates(task).Count == 0)
            {
                var plan = router.Plan(task, _constraints[task], run: run);
                var why = plan.Excluded.FirstOrDefault(e => e.ModelId == pinned)?.Reason;
                throw CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, option, $"{option} {pinned} cannot be used for {task}{(why is null ? string.Empty : $" ({why})")}; see 'cuboid models --task {task}'");
            }
        }

        // The router sets each response's ModelId to the catalog id of the model that answered (after any fallback).
        Captioner = Candidates(AnalysisTasks.Caption).Count > 0 ? router.Pipeline(new PortfolioChatClient(router, ModelTasks.Caption, _constraints[AnalysisTasks.Caption], run)) : null;
        Transcriber = Candidates(AnalysisTasks.Transcribe).Count > 0 ? router.Pipeline(new PortfolioSpeechToTextClient(router, _constraints[AnalysisTasks.Transcribe], run)) : null;
        Reasoner = Candidates(AnalysisTasks.Reason).Count > 0 ? router.Pipeline(new PortfolioChatClient(router, ModelTasks.Reason, _constraints[AnalysisTasks.Reason], run)) : null;
    }

    public IChatClient? Captioner { get; }

    public ISpeechToTextClient? Transcriber { get; }

    public IChatClient? Reasoner { get; }

    public UsageLedger Ledger => _run.Ledger;

    public decimal? Budget => _run.Budget.Limit;

    public IReadOnlyList<ModelQuote> Candidates(string task, long? promptTokens = null)
    {
        // The one ranking `cuboid models route` shows, for the request the real call makes (AnalysisRequests).
        var plan = _router.Plan(task, _constraints.GetValueOrDefault(task), AnalysisRequests.Estimate(task, promptTokens), _run);
        // A transcriber's price per minute is the router's own estimate for the minute of audio routed, so a model that
        // bills audio and its transcript as tokens (Gemini) is priced like one with a per-minute price.
        return [.. plan.Candidates.Select(c => new ModelQuote(c.ModelId, c.ContextWindow, c.Prices?.InputPerMTok, c.Prices?.OutputPerMTok,
            task == AnalysisTasks.Transcribe && c.Priced ? c.EstimatedCost : c.Prices?.PerAudioMinute, c.Prices?.PerImage, c.Prices?.ImageInputTokens)
        {
            ReasoningTokens = c.Model.ReasoningTokens,
        })];
    }

    public IReadOnlyList<string> VariablesToEnable(string task) => _router.VariablesToEnable(task);

    public IReadOnlyList<NativeVideoRate> NativeVideoRates() =>
        [.. Understanding.NativeVideoRates.Default.Select(rate => _router.Catalog.FindModel(rate.Model)?.Prices?.InputPerMTok is { } price
            ? rate with { InputPerMillion = price, Source = "catalog price, published token rate" }
            : rate)];

    public IReadOnlyList<StageUsage> Usage()
    {
        var totals = _run.Ledger.TotalsByTask();
        var records = _run.Ledger.Records;
        return [.. new[] { AnalysisTasks.Caption, AnalysisTasks.Transcribe, AnalysisTasks.Reason }.Select(task =>
            totals.FirstOrDefault(t => t.Key == task) is { } t
                ? new StageUsage(task, t.Calls, t.InputTokens, t.OutputTokens, t.AudioSeconds, t.Dollars, AnsweredBy(records, task))
                : StageUsage.None(task))];
    }

    /// <summary>The models that answered the task, as the ledger booked them (succeeded calls), most answers first.</summary>
    private static IReadOnlyList<string> AnsweredBy(IReadOnlyList<UsageRecord> records, string task) =>
        AnalysisModels.MostAnswersFirst(records.Where(r => r.Task == task && r.Outcome == CallOutcome.Succeeded).Select(r => r.ModelId));
}
