using Cuboid.Media;
using Cuboid.Media.Frames;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Judges a long video with the understanding pipeline's cheap-captioner-plus-strong-reasoner pattern
/// (<c>cuboid generate --judge</c>): the middle frame of every segment is exported by the media engine and captioned by
/// the analysis's caption stage (task <c>caption</c>, cached like an analysis's captions), then one call to the reasoning
/// model (task <c>reason</c>) scores, per segment, how well what the caption saw follows the shot's prompt (0-10, with a
/// one-line reason, as structured JSON). Both go through <see cref="IAnalysisModels"/>, so with the portfolio every call is
/// routed, budgeted, booked and falls over like any other. <see cref="Plan"/> prices it before any call; an answer that is
/// not usable ends in a warning, not a failed video.
/// </summary>
public sealed class SegmentJudge
{
    private readonly IAnalysisModels _models;
    private readonly IAnalysisCache? _cache;
    private readonly MediaTools _tools;
    private readonly TimeProvider _time;

    /// <summary>A judge over <paramref name="models"/>' captioner and reasoner; <paramref name="cache"/> keeps captions already paid for.</summary>
    public SegmentJudge(IAnalysisModels models, IAnalysisCache? cache = null, MediaTools? tools = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
        _cache = cache;
        _tools = tools ?? MediaTools.Default;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A judge whose captioner and reasoner are <paramref name="router"/>'s routed clients booked to <paramref name="run"/>
    /// (a long video's run: one budget and one ledger for the video and its judging), with the user's pins and policy.
    /// </summary>
    public static SegmentJudge FromRouter(ModelRouter router, RunScope run, AnalysisModelChoices? choices = null, IAnalysisCache? cache = null, MediaTools? tools = null)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(run);
        return new SegmentJudge(new PortfolioAnalysisModels(router, run, choices), cache, tools, router.Time);
    }

    /// <summary>What judging these shots would cost (no call made): one caption each, one scoring call for all.</summary>
    public JudgePlan Plan(IReadOnlyList<StoryboardShot> shots)
    {
        ArgumentNullException.ThrowIfNull(shots);
        var captioner = _models.Captioner is null ? null : _models.Candidates(AnalysisTasks.Caption).FirstOrDefault();
        var prompts = shots.Select(s => s.Prompt).ToList();
        var input = JudgePrompt.EstimateInputTokens(prompts);
        var reasoner = _models.Reasoner is null ? null : _models.Candidates(AnalysisTasks.Reason, input).FirstOrDefault();
        var captions = CostEstimator.Estimate(shots.Sum(s => s.Seconds), shots.Count, false, captioner, null, null)[0];
        var scoring = CostEstimator.Call(AnalysisTasks.Reason, reasoner, input, JudgePrompt.ExpectedOutputTokens(shots.Count), JudgePrompt.OutputTokens(shots.Count));
        return new JudgePlan(
            captioner is null ? captions with { EnabledBy = _models.VariablesToEnable(AnalysisTasks.Caption) } : captions,
            reasoner is null ? scoring with { EnabledBy = _models.VariablesToEnable(AnalysisTasks.Reason) } : scoring);
    }

    /// <summary>
    /// Judges <paramref name="shots"/> of <paramref name="video"/>, keeping what <paramref name="earlier"/> (a resumed run's
    /// verdicts of the same takes) already holds: a captioned segment is not captioned again, a scored one not scored again.
    /// Each new or completed verdict is handed to <paramref name="keep"/> as soon as it exists, so a killed run pays for none twice.
    /// </summary>
    internal async Task<JudgeOutcome> JudgeAsync(string video, IReadOnlyList<JudgedShot> shots, IReadOnlyList<SegmentVerdict> earlier, string framesFolder,
        Action<SegmentVerdict> keep, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var verdicts = shots.ToDictionary(s => s.Index, s => earlier.FirstOrDefault(v => v.Index == s.Index && v.Take == s.Take));
        var uncaptioned = shots.Where(s => verdicts[s.Index] is null).ToList();
        if (uncaptioned.Count > 0)
        {
            if (await CaptionAsync(video, uncaptioned, framesFolder, verdicts, keep, cancellationToken).ConfigureAwait(false) is { } stopped)
            {
                warnings.Add(stopped);
            }
        }

        var unscored = shots.Where(s => verdicts[s.Index] is { Score: null }).ToList();
        if (unscored.Count > 0 && warnings.Count == 0 && await ScoreAsync(unscored, verdicts, keep, cancellationToken).ConfigureAwait(false) is { } unusable)
        {
            warnings.Add(unusable);
        }

        return new JudgeOutcome([.. shots.Select(s => verdicts[s.Index]).OfType<SegmentVerdict>()], warnings);
    }

    // One caption per segment through the analysis's caption stage, one frame at a time, so each caption's cost is its own.
    private async Task<string?> CaptionAsync(string video, IReadOnlyList<JudgedShot> shots, string framesFolder, Dictionary<int, SegmentVerdict?> verdicts,
        Action<SegmentVerdict> keep, CancellationToken cancellationToken)
    {
        var captioner = _models.Captioner ?? throw CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, "no captioner is configured to judge the segments");
        var export = await FrameExporter.ExportAtAsync(video, shots.Select(s => TimeSpan.FromSeconds(s.Time)), framesFolder,
            new FrameExportOptions { FilePrefix = "judge" }, _tools, cancellationToken).ConfigureAwait(false);
        var stage = new CaptionStage(captioner, _cache, [.. _models.Candidates(AnalysisTasks.Caption).Select(c => c.ModelId)], focus: null, concurrency: 1, _time);
        foreach (var shot in shots)
        {
            var frame = export.Frames.First(f => f.Requested == TimeSpan.FromSeconds(shot.Time));
            var before = Spent(AnalysisTasks.Caption);
            var planned = new PlannedFrame(frame.Timestamp.TotalSeconds, SampleReasons.Interval, frame.Path);
            var result = await stage.RunAsync(One(planned), new NearDuplicateFilter(), framesFolder, cancellationToken).ConfigureAwait(false);
            if (result.Stop is { } stop || result.Samples is not [{ Caption: { } caption } sample])
            {
                return $"the captioner stopped judging at segment {shot.Index + 1} ({result.Stop?.Message ?? "no caption"}); the segments before it are captioned, none is scored";
            }

            var verdict = new SegmentVerdict(shot.Index, shot.Take, frame.Timestamp.TotalSeconds, shot.Prompt, caption, sample.Model, Dollars: Spent(AnalysisTasks.Caption) - before);
            verdicts[shot.Index] = verdict;
            keep(verdict);
        }

        return null;
    }

    // The one scoring call: the router repairs an unusable answer once and falls over to the next reasoner; what still fails is a warning.
    private async Task<string?> ScoreAsync(IReadOnlyList<JudgedShot> shots, Dictionary<int, SegmentVerdict?> verdicts, Action<SegmentVerdict> keep, CancellationToken cancellationToken)
    {
        var reasoner = _models.Reasoner ?? throw CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, "no reasoning model is configured to score the segments");
        var messages = JudgePrompt.Messages([.. shots.Select(s => (s, verdicts[s.Index]!.Caption))]);
        var check = new AnswerCheck(text => JudgePrompt.TryParse(text, shots.Count, out _, out var problem) ? null : problem, JudgePrompt.Repair);
        var before = Spent(AnalysisTasks.Reason);
        string? warning = null;
        try
        {
            var answer = await reasoner.GetResponseAsync(messages, check.AddTo(JudgePrompt.Options(shots.Count)), cancellationToken).ConfigureAwait(false);
            if (JudgePrompt.TryParse(answer.Text, shots.Count, out var scores, out var problem))
            {
                foreach (var (shot, score) in shots.Zip(scores))
                {
                    verdicts[shot.Index] = verdicts[shot.Index]! with { Score = score.Score, Reason = score.Reason, Reasoner = answer.ModelId };
                }
            }
            else
            {
                // Only a client that ignores answer checks (not the portfolio's) gets here.
                warning = $"the reasoning model's scores are not usable ({problem}); the segments are captioned but not scored";
            }
        }
        catch (Exception ex) when (StageFailure.Stop(ex, "judge", cancellationToken) is { } failure)
        {
            warning = $"the reasoning model could not score the segments ({failure.Message}); they are captioned but not scored";
        }

        // Paid either way (an unusable answer is paid too): each segment carries an equal share of the call, rounded to
        // the millionth, the last one the rest, so the shares add up to the call exactly.
        var paid = Spent(AnalysisTasks.Reason) - before;
        var share = Math.Round(paid / shots.Count, 6);
        foreach (var (shot, i) in shots.Select((s, i) => (s, i)))
        {
            var part = i == shots.Count - 1 ? paid - (share * (shots.Count - 1)) : share;
            var verdict = verdicts[shot.Index]! with { Dollars = verdicts[shot.Index]!.Dollars + part };
            verdicts[shot.Index] = verdict;
            keep(verdict);
        }

        return warning;
    }

    private decimal Spent(string task) => _models.Usage().Where(u => u.Stage == task).Sum(u => u.Dollars);

    private static async IAsyncEnumerable<PlannedFrame> One(PlannedFrame frame)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return frame;
    }
}
