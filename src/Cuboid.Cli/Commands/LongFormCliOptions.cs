using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Formatting;
using Cuboid.Generation;
using Cuboid.Generation.LongForm;
using Cuboid.DependencyInjection;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Cli.Commands;

/// <summary>
/// The long-form options of <c>cuboid generate</c> (<c>--strategy</c>, <c>--anchor</c>, <c>--storyboard</c>, <c>--gate</c>,
/// <c>--best-of</c>, ...): whether a request is long-form, the library request they make, and how its plan and outcome print.
/// </summary>
internal sealed class LongFormCliOptions
{
    public Option<string?> Strategy { get; } = new("--strategy") { Description = "Long video: keyframes (default when an image model is configured, else chain), chain or extend" };

    public Option<FileInfo[]> Anchor { get; } = new("--anchor") { Description = "Reference image every segment is held to (repeat for more; the first is the anchor drift is measured against)" };

    public Option<FileInfo?> Storyboard { get; } = new("--storyboard") { Description = "story.json: the shots (prompt, seconds) and anchors; else the reasoning model writes one" };

    public Option<string?> Gate { get; } = new("--gate") { Description = "Drift gates per segment: deltaE=8,join=10 (default), or off" };

    public Option<int> BestOf { get; } = new("--best-of") { Description = "Render a segment that trips a gate up to N times within the budget, keep the best", DefaultValueFactory = _ => 1 };

    public Option<int> SegmentSeconds { get; } = new("--segment-seconds") { Description = "Length of each segment of a long video", DefaultValueFactory = _ => 8 };

    public Option<string?> ReAnchor { get; } = new("--re-anchor") { Description = "When a gate trips in chain: match (default: colour-match the next start to the anchor), regenerate, or off" };

    public Option<double> Crossfade { get; } = new("--crossfade") { Description = "Seconds of crossfade at each join (default 0: a cut)", DefaultValueFactory = _ => 0 };

    public Option<bool> MatchColour { get; } = new("--match-colour") { Description = "Match every segment's colour and exposure to the anchor when joining" };

    public Option<bool> Judge { get; } = new("--judge") { Description = "Caption a frame of every segment and score it against its shot's prompt (captioner + reasoning model; priced in the plan)" };

    public Option<DirectoryInfo?> Cache { get; } = new("--cache") { Description = "Caption cache of --judge (default ~/.cache/cuboid, the one analyze uses)" };

    public Option<FileInfo?> Config { get; } = PortfolioCliOptions.Config();

    public IEnumerable<Option> All => [Strategy, Anchor, Storyboard, Gate, BestOf, SegmentSeconds, ReAnchor, Crossfade, MatchColour, Judge, Cache, Config];

    /// <summary>Long-form when a long-form option is given or the length is more than one segment.</summary>
    public bool IsLongForm(ParseResult parse, int seconds) =>
        parse.GetValue(Strategy) is not null || parse.GetValue(Storyboard) is not null || (parse.GetValue(Anchor)?.Length ?? 0) > 0 || parse.GetValue(Judge)
        || parse.GetValue(Gate) is not null || parse.GetValue(BestOf) != 1 || parse.GetValue(ReAnchor) is not null
        || seconds > parse.GetValue(SegmentSeconds);

    public LongFormRequest Request(ParseResult parse, GenerateRequest single, bool imageModel) => new()
    {
        Prompt = single.Prompt,
        Seconds = single.Seconds,
        SegmentSeconds = parse.GetValue(SegmentSeconds),
        Strategy = parse.GetValue(Strategy) is { } strategy
            ? Enum.TryParse<LongFormStrategy>(strategy, ignoreCase: true, out var s) && !int.TryParse(strategy, out _) ? s
                : throw CuboidException.Usage($"--strategy '{strategy}' is not a strategy; use keyframes, chain or extend")
            : imageModel ? LongFormStrategy.Keyframes : LongFormStrategy.Chain,
        Anchors = [.. (parse.GetValue(Anchor) ?? []).Select(a => a.FullName)],
        StoryboardPath = parse.GetValue(Storyboard)?.FullName,
        Gates = parse.GetValue(Gate) is { } gate ? DriftGates.Parse(gate) : DriftGates.Default,
        BestOf = parse.GetValue(BestOf),
        ReAnchor = parse.GetValue(ReAnchor) is { } mode
            ? Enum.TryParse<ReAnchorMode>(mode, ignoreCase: true, out var m) && !int.TryParse(mode, out _) ? m
                : throw CuboidException.Usage($"--re-anchor '{mode}' is not a mode; use match, regenerate or off")
            : ReAnchorMode.Match,
        Crossfade = parse.GetValue(Crossfade),
        MatchColour = parse.GetValue(MatchColour),
        Judge = parse.GetValue(Judge),
        Size = single.Size,
        Resolution = single.Resolution,
        AspectRatio = single.AspectRatio,
        Model = single.Model,
        Policy = single.Policy,
    };

    /// <summary>
    /// The models of a long video, from the container's router, spending from and booking into <paramref name="run"/> (the
    /// generation's run, so one <c>--budget</c> covers storyboard, video and judge): the reasoning model that writes the
    /// storyboard, when a configured provider serves <c>reason</c> and no storyboard file is given, and with <c>--judge</c>
    /// the judge (captions cached in the analysis cache). <paramref name="services"/> must outlive them.
    /// </summary>
    public (StoryboardModel? Writer, SegmentJudge? Judge) Models(ParseResult parse, RunScope run, out IDisposable? services)
    {
        services = null;
        var writes = parse.GetValue(Storyboard) is null;
        var judges = parse.GetValue(Judge);
        if (!writes && !judges)
        {
            return (null, null);
        }

        var container = CliServices.Create(parse.GetValue(Config)?.FullName, [new(CacheKey, parse.GetValue(Cache)?.FullName)]);
        services = container;
        var router = container.GetRequiredService<ModelRouter>();
        var writer = writes && router.VariablesToEnable(ModelTasks.Reason).Count == 0
            ? new StoryboardModel(router.GetChatClient(ModelTasks.Reason),
                estimate => router.Plan(ModelTasks.Reason, estimate: estimate, run: run).First is { } first ? new ModelCost(first.ModelId, first.EstimatedCost) : null)
            : null;
        var judge = judges ? SegmentJudge.FromRouter(router, run, cache: container.GetRequiredService<IAnalysisCache>()) : null;
        return (writer, judge);
    }

    private const string CacheKey = $"{CuboidServiceCollectionExtensions.SectionName}:Storage:{nameof(CuboidStorageOptions.CacheDirectory)}";

    public static async Task<int> PrintPlanAsync(CliConsole console, LongFormPlan plan, bool json)
    {
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(plan, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        var request = plan.Request;
        var storyboard = plan.StoryboardSource switch
        {
            "file" => "from the storyboard file",
            "reasoner" => plan.StoryboardWriting is { } writing ? $"written by {writing.ModelId} ({DisplayFormat.Dollars(writing.Dollars)})" : "written by the reasoning model",
            _ => "the prompt repeated over every shot (no reasoning model configured)",
        };
        await console.Out.WriteLineAsync(Text($"{request.Strategy.ToString().ToLowerInvariant()}: {plan.Storyboard.Shots.Count} segments, {plan.Storyboard.TotalSeconds} s; storyboard {storyboard}"));
        foreach (var segment in plan.Segments)
        {
            await console.Out.WriteLineAsync(segment.Dollars is { } dollars
                ? Text($"segment {segment.Index + 1,3}: {segment.Shot.Seconds} s via {segment.Route} ({segment.Model}): {DisplayFormat.Dollars(dollars)}")
                : Text($"segment {segment.Index + 1,3}: {segment.Shot.Seconds} s: no route ({segment.Why})"));
        }

        if (plan.KeyframeImages > 0)
        {
            await console.Out.WriteLineAsync(Text($"keyframes: {plan.KeyframeImages} images from the image model: {DisplayFormat.Dollars(plan.KeyframeDollars)}"));
        }

        if (plan.Judging is { } judging)
        {
            await console.Out.WriteLineAsync(JudgeLine(judging));
        }

        await console.Out.WriteLineAsync(Text($"total: {DisplayFormat.Dollars(plan.ExpectedDollars)} expected, {DisplayFormat.Dollars(plan.WorstCaseDollars)} worst case (every segment rendered {request.BestOf} time{(request.BestOf == 1 ? "" : "s")})"));
        return ExitCodes.Ok;
    }

    public static async Task<int> PrintOutcomeAsync(CliConsole console, LongFormOutcome outcome, bool json)
    {
        foreach (var warning in outcome.Warnings)
        {
            await console.Error.WriteLineAsync($"cuboid: warning: {warning}");
        }

        var report = outcome.Drift.Report;
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                outcome.VideoPath, outcome.Folder, outcome.Dollars, outcome.ResumedSegments, outcome.Segments, outcome.Gates,
                Drift = Path.Combine(outcome.Folder, DriftReportFolder.JsonName), report.Findings, report.Letterbox, report.Judgements,
            }, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync(Text($"{outcome.VideoPath}: {report.Width}x{report.Height}, {report.Duration:0.##} s, {outcome.Segments.Count} segments{(outcome.ResumedSegments > 0 ? $" ({outcome.ResumedSegments} from the earlier run)" : "")}; {DisplayFormat.Dollars(outcome.Dollars)}"));
        var first = report.Segments[0].DeltaEAnchor;
        var last = report.Segments[^1].DeltaEAnchor;
        await console.Out.WriteLineAsync(Text($"drift: ΔE to the anchor {first:0.0} in the first segment, {last:0.0} in the last ({(first > 0 ? last / first : 0):0.##}x); {Path.Combine(outcome.Folder, DriftReportFolder.HtmlName)}"));
        var reRenders = outcome.Gates.Where(g => g.Action == "re-rendered").ToList();
        await console.Out.WriteLineAsync(outcome.Gates.Count == 0 ? "gates: none tripped"
            : Text($"gates: {outcome.Gates.Count} tripped; {outcome.Gates.Count(g => g.Action.StartsWith("re-anchored", StringComparison.Ordinal))} re-anchored, {reRenders.Count} re-rendered ({DisplayFormat.Dollars(reRenders.Sum(g => g.Dollars))})"));
        var bars = report.Letterbox;
        if (bars.Top + bars.Bottom + bars.Left + bars.Right > 0)
        {
            await console.Out.WriteLineAsync(Text($"letterbox: top {bars.Top} px, bottom {bars.Bottom} px, left {bars.Left} px, right {bars.Right} px"));
        }

        if (report.Judgements is { } verdicts)
        {
            await console.Out.WriteLineAsync(VerdictLine(verdicts));
        }

        foreach (var finding in report.Findings)
        {
            await console.Out.WriteLineAsync($"! {finding.Message}");
        }

        return ExitCodes.Ok;
    }

    // The judge's price in the plan, or why it cannot run here.
    private static string JudgeLine(JudgePlan judging)
    {
        if (!judging.CanRun)
        {
            var missing = judging.Captions.Model is null ? judging.Captions : judging.Scoring;
            var hint = missing.EnabledBy is { Count: > 0 } variables ? $"; set {string.Join(" or ", variables)}" : "";
            return $"judge: cannot run here (no {(missing == judging.Captions ? "captioner" : "reasoning model")} configured{hint})";
        }

        return Text($"judge: {judging.Captions.Calls} captions on {judging.Captions.Model} ({DisplayFormat.Dollars(judging.Captions.Dollars)}), scored by {judging.Scoring.Model} ({DisplayFormat.Dollars(judging.Scoring.Dollars)}): {DisplayFormat.Dollars(judging.Dollars)}");
    }

    // The judge's verdicts in one line: the mean, the weakest segment and why, and the cost.
    private static string VerdictLine(IReadOnlyList<SegmentVerdict> verdicts)
    {
        var scored = verdicts.Where(v => v.Score is not null).ToList();
        var cost = DisplayFormat.Dollars(verdicts.Sum(v => v.Dollars));
        if (scored.Count == 0)
        {
            return $"judge: {verdicts.Count} segments captioned, none scored; {cost}";
        }

        var weakest = scored.MinBy(v => v.Score)!;
        return Text($"judge: mean score {scored.Average(v => v.Score!.Value):0.0} of 10 over {scored.Count} segments; lowest: segment {weakest.Index + 1} ({weakest.Score:0.#}: {weakest.Reason}); {cost}");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
