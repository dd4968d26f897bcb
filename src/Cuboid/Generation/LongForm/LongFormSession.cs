using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cuboid.Generation.Routing;
using Cuboid.Media;
using Cuboid.Understanding;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// The entry point of <c>cuboid generate --seconds N</c> for videos longer than a clip: storyboard, keyframes or chain,
/// gates and re-anchoring, joins, and the drift report, over the one job engine (<see cref="GenerationSession"/>: every
/// segment is routed, budgeted, kept and checked like a single job). <see cref="Plan"/> prices it without a call;
/// <see cref="RunAsync"/> makes it in an output folder whose manifest lets a killed run resume without paying twice.
/// </summary>
public sealed class LongFormSession(GenerationSession generation, StoryboardModel? storyboardModel = null, IImageGenerator? images = null, MediaTools? tools = null)
{
    /// <summary>The joined video's file name in the output folder.</summary>
    public const string VideoName = "final.mp4";
    /// <summary>The storyboard's file name in the output folder.</summary>
    public const string StoryboardName = "storyboard.json";

    private readonly MediaTools _tools = tools ?? MediaTools.Default;

    /// <summary>The judge of <see cref="LongFormRequest.Judge"/>: captions a frame of every segment and scores it against its shot's prompt.</summary>
    public SegmentJudge? Judge { get; init; }

    /// <summary>What the run would cost, route by route, without calling any model (dry runs price hosts without keys too).</summary>
    public LongFormPlan Plan(LongFormRequest request, bool assumeEveryHostConfigured = false)
    {
        request.Validate();
        var (board, source) = request.StoryboardPath is { } path
            ? (Storyboard.Load(path), "file")
            : (Storyboard.Even(request.Prompt, request.Seconds, request.SegmentSeconds, request.Anchors), storyboardModel is null ? "even" : "reasoner");
        var writing = source == "reasoner" ? storyboardModel!.Quote(StoryboardWriter.Estimate(request.Prompt, board.Shots.Count)) : null;
        var anchored = request.Anchors.Count + board.Anchors.Count > 0;
        request = ForExtension(request, board, anchored, assumeEveryHostConfigured);
        var segments = new List<SegmentPlan>();
        for (var i = 0; i < board.Shots.Count; i++)
        {
            var keyframes = request.Strategy == LongFormStrategy.Keyframes;
            var first = keyframes || i > 0 || anchored ? "first.png" : null;
            // extend: each segment after the first extends the one before on its host, where a route can; else it starts from its last frame.
            var plan = (i > 0 && segments[i - 1].Route is { } before ? PlanExtension(request, board.Shots[i], before.Split(':')[0], assumeEveryHostConfigured) : null)
                ?? generation.Plan(request.Segment(board.Shots[i], first, keyframes ? "last.png" : null), assumeEveryHostConfigured);
            segments.Add(plan.First is { } route
                ? new SegmentPlan(i, board.Shots[i], route.Model.Id, route.Route.Id, route.EstimatedCost, null)
                : new SegmentPlan(i, board.Shots[i], null, null, null, plan.Skipped.Count == 0 ? "no route" : string.Join("; ", plan.Skipped.Select(s => $"{s.Route}: {s.Reason}"))));
        }

        var keyframeImages = request.Strategy == LongFormStrategy.Keyframes ? board.Shots.Count + (anchored ? 0 : 1) : 0;
        var keyframeDollars = keyframeImages == 0 ? 0
            : keyframeImages * (images?.GetService<Images.PortfolioImageGenerator>()?.Plan(new ImageGenerationRequest("a keyframe"), null, assumeEveryHostConfigured).First?.EstimatedCost ?? 0);
        var video = segments.Sum(s => s.Dollars ?? 0);
        var fixedCost = (writing?.Dollars ?? 0) + keyframeDollars;
        // The judge is priced only where it can run: a plan that cannot judge says so instead.
        var judging = request.Judge ? Judging(board.Shots) : null;
        var judgeDollars = judging is { CanRun: true } ? judging.Dollars : 0;
        var judgeWorst = judging is { CanRun: true } ? judging.WorstCaseDollars : 0;
        return new LongFormPlan(request, board, source, writing, segments, keyframeImages, keyframeDollars, video + fixedCost + judgeDollars, (video * request.BestOf) + fixedCost + judgeWorst)
        {
            Judging = judging,
        };
    }

    /// <summary>Makes the long video in <paramref name="folder"/> (resuming the run already there, if it is the same run).</summary>
    public async Task<LongFormOutcome> RunAsync(LongFormRequest request, string folder, CancellationToken cancellationToken = default)
    {
        var plan = Plan(request);
        if (request.Strategy == LongFormStrategy.Keyframes || request.ReAnchor == ReAnchorMode.Regenerate)
        {
            _ = Keyframes(request);
            if (images?.GetService<Images.PortfolioImageGenerator>()?.Plan(new ImageGenerationRequest("a keyframe")) is { Candidates.Count: 0 } none)
            {
                // Found out before anything is paid for, not at the first keyframe.
                throw CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, CuboidParameters.Strategy, $"no configured image model can draw the keyframes ({string.Join("; ", none.Skipped.Select(s => $"{s.Route}: {s.Reason}"))}); set a key, or use {CuboidParameters.Strategy} chain");
            }
        }

        if (plan.Judging is { CanRun: false } cannotJudge)
        {
            throw JudgeUnavailable(cannotJudge);
        }

        if (plan.Segments.FirstOrDefault(s => s.Dollars is null) is { } unroutable)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, $"no route can make segment {unroutable.Index + 1} ({unroutable.Shot.Seconds} s): {unroutable.Why}");
        }

        folder = Path.GetFullPath(folder);
        var manifest = LongFormManifest.Load(folder);
        var fingerprint = Fingerprint(request);
        if (manifest is not null && manifest.Fingerprint != fingerprint)
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{CuboidParameters.OutputDirectory} {folder} holds another long-form run; use an empty folder, or the same options to resume that one");
        }

        if (manifest is null && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{CuboidParameters.OutputDirectory} {folder} is not empty; a long video needs a folder of its own");
        }

        var resumed = manifest?.Chosen.Count ?? 0;
        manifest ??= new LongFormManifest { Fingerprint = fingerprint };
        // The extend strategy's model is chosen by the plan (one whose routes can extend its own first segment).
        request = plan.Request;
        var renderer = new SegmentRenderer(generation, manifest, request, folder, _tools);
        Directory.CreateDirectory(renderer.SegmentsFolder);
        Directory.CreateDirectory(renderer.FramesFolder);

        // A resumed run's earlier spend (segments and the storyboard) counts against this run's budget too.
        var earlier = manifest.Takes.Where(t => t.State == SegmentTake.Delivered).Sum(t => t.Dollars) + manifest.StoryboardDollars + manifest.Judgements.Sum(j => j.Dollars);
        if (earlier > 0 && generation.Budget.TryReserve(earlier, out var booked))
        {
            booked.Settle(earlier);
        }

        // Refuse up front what the budget cannot finish, rather than spend part of it on half a video.
        var toGo = plan.Segments.Where(s => !manifest.Chosen.ContainsKey(s.Index)).Sum(s => s.Dollars ?? 0)
            + (manifest.Storyboard is null ? plan.StoryboardWriting?.Dollars ?? 0 : 0)
            + (plan.Judging is { } judge && manifest.Judgements.Count(j => j.Score is not null) < plan.Segments.Count ? judge.Dollars : 0);
        if (generation.Budget.Remaining is { } left && toGo > left)
        {
            throw generation.Budget.Exceeded(toGo, $"the rest of this {plan.Storyboard.TotalSeconds} s video");
        }

        if (manifest.Storyboard is null)
        {
            var board = await StoryboardAsync(request, plan, manifest, folder, cancellationToken).ConfigureAwait(false);
            manifest.Update(folder, m => m.Storyboard = board);
            WriteText(Path.Combine(folder, StoryboardName), board.ToJson());
        }

        var storyboard = manifest.Storyboard!;
        IReadOnlyList<string> anchors = [.. request.Anchors.Concat(storyboard.Anchors).Distinct(StringComparer.Ordinal)];
        if (manifest.Anchor is null && anchors.Count > 0)
        {
            var anchorPng = Path.Combine(renderer.FramesFolder, "anchor.png");
            PictureFile.SavePng(await PictureFile.LoadAsync(anchors[0], _tools, cancellationToken).ConfigureAwait(false), anchorPng);
            manifest.Update(folder, m => m.Anchor = anchorPng);
        }

        var estimates = plan.Segments.Select(s => s.Dollars ?? 0).ToList();
        var takes = request.Strategy != LongFormStrategy.Keyframes
            ? await ChainAsync(request, storyboard, anchors, manifest, renderer, estimates, folder, cancellationToken).ConfigureAwait(false)
            : await KeyframesAsync(request, storyboard, anchors, manifest, renderer, estimates, folder, cancellationToken).ConfigureAwait(false);

        var anchorPicture = await PictureFile.LoadAsync(manifest.Anchor!, _tools, cancellationToken).ConfigureAwait(false);
        var luts = new List<string?>();
        foreach (var take in takes)
        {
            string? lut = null;
            if (request.MatchColour)
            {
                lut = Path.Combine(renderer.FramesFolder, $"segment-{take.Segment + 1:D2}-to-anchor.cube");
                ReinhardTransfer.WriteCube(await PictureFile.LoadAsync(take.LastFramePng!, _tools, cancellationToken).ConfigureAwait(false), anchorPicture, lut);
            }

            luts.Add(lut);
        }

        var video = Path.Combine(folder, VideoName);
        var joins = await SegmentJoiner.JoinAsync([.. takes.Select(t => t.Path!)], luts, request.Crossfade, video, _tools, cancellationToken).ConfigureAwait(false);
        var drift = await DriftAnalyzer.MeasureAsync(video, new DriftOptions
        {
            AnchorPath = manifest.Anchor,
            JoinTimes = joins.Count > 0 ? [.. joins.Select(TimeSpan.FromSeconds)] : null,
            SegmentLength = joins.Count > 0 ? null : TimeSpan.FromDays(1),
            Tools = _tools,
        }, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> judgeWarnings = [];
        if (request.Judge)
        {
            var judged = await JudgeAsync(video, storyboard, takes, drift.Report, manifest, renderer, folder, cancellationToken).ConfigureAwait(false);
            drift = drift with { Report = drift.Report with { Judgements = judged.Verdicts } };
            judgeWarnings = judged.Warnings;
        }

        WriteText(Path.Combine(folder, DriftReportFolder.JsonName), DriftJson.Serialize(drift.Report));
        WriteText(Path.Combine(folder, DriftReportFolder.HtmlName), DriftHtmlWriter.Render(drift, manifest.Gates, request.Gates));
        var spent = manifest.Takes.Where(t => t.State == SegmentTake.Delivered).Sum(t => t.Dollars) + manifest.StoryboardDollars + manifest.Judgements.Sum(j => j.Dollars);
        return new LongFormOutcome(folder, video, storyboard, takes, [.. manifest.Gates], drift, spent, resumed, [.. manifest.Warnings, .. judgeWarnings]);
    }

    private JudgePlan Judging(IReadOnlyList<StoryboardShot> shots) =>
        Judge?.Plan(shots) ?? new JudgePlan(new StageEstimate(AnalysisTasks.Caption, null, 0, 0, 0, 0, 0), new StageEstimate(AnalysisTasks.Reason, null, 0, 0, 0, 0, 0));

    private static CuboidException JudgeUnavailable(JudgePlan plan)
    {
        var missing = plan.Captions.Model is null ? plan.Captions : plan.Scoring;
        var what = missing == plan.Captions ? "a captioner" : "a reasoning model";
        var hint = missing.EnabledBy is { Count: > 0 } variables ? $"set {string.Join(" or ", variables)}" : $"configure a provider for '{missing.Stage}'";
        return CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, CuboidParameters.Judge, $"{CuboidParameters.Judge} needs {what} and none is configured; {hint}");
    }

    // Judges the kept takes from the middle of each segment of the joined video; verdicts are kept in the manifest as they come.
    private async Task<JudgeOutcome> JudgeAsync(string video, Storyboard storyboard, IReadOnlyList<SegmentTake> takes, DriftReport report,
        LongFormManifest manifest, SegmentRenderer renderer, string folder, CancellationToken cancellationToken)
    {
        var shots = takes.Select((take, i) => report.Segments.ElementAtOrDefault(i) is { } segment
            ? new JudgedShot(i, take.Take, storyboard.Shots[i].Prompt, (segment.Start + segment.End) / 2, segment.Start, segment.End)
            : null).OfType<JudgedShot>().ToList();
        var earlier = manifest.Read(m => m.Judgements.ToList());
        return await Judge!.JudgeAsync(video, shots, earlier, Path.Combine(renderer.FramesFolder, "judge"), verdict => manifest.Update(folder, m =>
        {
            m.Judgements.RemoveAll(j => j.Index == verdict.Index);
            m.Judgements.Add(verdict);
        }), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Storyboard> StoryboardAsync(LongFormRequest request, LongFormPlan plan, LongFormManifest manifest, string folder, CancellationToken cancellationToken)
    {
        if (plan.StoryboardSource != "reasoner")
        {
            return plan.Storyboard;
        }

        // The storyboard is this run's spend like the video: a portfolio client without a run of its own reserves from
        // and books into the current run, so the writer's call is made with the generation's run current.
        var spentBefore = generation.Budget.Spent;
        try
        {
            Storyboard written;
            using (generation.Run.MakeCurrent())
            {
                written = await new StoryboardWriter(storyboardModel!.Client).WriteAsync(
                    request.Prompt, [.. plan.Storyboard.Shots.Select(s => s.Seconds)], request.Anchors, cancellationToken).ConfigureAwait(false);
            }

            var spent = generation.Budget.Spent - spentBefore;
            manifest.Update(folder, m => m.StoryboardDollars = spent > 0 ? spent : plan.StoryboardWriting?.Dollars ?? 0);
            return written;
        }
        catch (CuboidException ex) when (ex.Kind is ErrorKind.Provider or ErrorKind.Budget)
        {
            manifest.Update(folder, m => m.Warnings.Add($"the reasoning model could not write the storyboard ({ex.Message}); every shot shows the prompt"));
            return plan.Storyboard;
        }
    }

    private async Task<IReadOnlyList<SegmentTake>> ChainAsync(LongFormRequest request, Storyboard storyboard, IReadOnlyList<string> anchors,
        LongFormManifest manifest, SegmentRenderer renderer, IReadOnlyList<decimal> estimates, string folder, CancellationToken cancellationToken)
    {
        var shots = storyboard.Shots;
        var anchorPicture = manifest.Anchor is { } a ? await PictureFile.LoadAsync(a, _tools, cancellationToken).ConfigureAwait(false) : null;
        LabColor? before = null;
        var takes = new List<SegmentTake>();
        for (var i = 0; i < shots.Count; i++)
        {
            // extend: a segment extends the one before unless it was re-anchored (then it starts from its start frame).
            var extends = i > 0 ? manifest.Read(m => m.ExtendFrom.GetValueOrDefault(i)) : null;
            var start = i == 0 ? manifest.Anchor : extends is null ? manifest.StartFrames[i] : null;
            var take = await renderer.RenderAsync(i, shots[i], start, null, anchorPicture is null ? null : PictureFile.MeanLab(anchorPicture),
                before, estimates.Skip(i + 1).Sum(), cancellationToken, extends).ConfigureAwait(false);
            takes.Add(take);
            if (anchorPicture is null)
            {
                // No anchor image: the first segment's first frame is the anchor every later one is held to.
                var anchorPng = Path.Combine(renderer.FramesFolder, "anchor.png");
                File.Copy(take.FirstFramePng!, anchorPng, overwrite: true);
                manifest.Update(folder, m => m.Anchor = anchorPng);
                anchorPicture = await PictureFile.LoadAsync(anchorPng, _tools, cancellationToken).ConfigureAwait(false);
            }

            before = take.LastColor;
            if (i == shots.Count - 1 || manifest.StartFrames.ContainsKey(i + 1) || manifest.ExtendFrom.ContainsKey(i + 1))
            {
                continue;
            }

            var drifted = renderer.Tripped(take).FirstOrDefault(g => g.Gate == "deltaE");
            var next = take.LastFramePng!;
            GateEvent? reAnchored = null;
            if (drifted.Gate is not null && request.ReAnchor != ReAnchorMode.Off)
            {
                // Re-derive the next start from the anchor instead of handing the drift on.
                next = Path.Combine(renderer.FramesFolder, $"segment-{i + 2:D2}-start.png");
                if (request.ReAnchor == ReAnchorMode.Match)
                {
                    var last = await PictureFile.LoadAsync(take.LastFramePng!, _tools, cancellationToken).ConfigureAwait(false);
                    PictureFile.SavePng(ReinhardTransfer.Match(last, anchorPicture), next);
                }
                else
                {
                    await Keyframes(request).MakeAsync(shots[i + 1].Prompt, anchors.Count > 0 ? anchors : [manifest.Anchor!], next, cancellationToken).ConfigureAwait(false);
                }

                reAnchored = new GateEvent(i, take.Take, drifted.Gate, drifted.Value, drifted.Threshold,
                    request.ReAnchor == ReAnchorMode.Match ? "re-anchored (colour matched to the anchor)" : "re-anchored (start frame regenerated)", 0);
            }

            if (reAnchored is null && request.Strategy == LongFormStrategy.Extend)
            {
                if (CanExtend(request, shots[i + 1], take.JobId!))
                {
                    manifest.Update(folder, m => m.ExtendFrom[i + 1] = take.JobId!);
                    continue;
                }

                manifest.Update(folder, m => m.Warnings.Add($"no route can extend segment {i + 1}'s video ({take.Route}); segment {i + 2} starts from its last frame instead"));
            }

            manifest.Update(folder, m =>
            {
                m.StartFrames[i + 1] = next;
                if (reAnchored is not null)
                {
                    m.Gates.Add(reAnchored);
                }
            });
        }

        return takes;
    }

    private async Task<IReadOnlyList<SegmentTake>> KeyframesAsync(LongFormRequest request, Storyboard storyboard, IReadOnlyList<string> anchors,
        LongFormManifest manifest, SegmentRenderer renderer, IReadOnlyList<decimal> estimates, string folder, CancellationToken cancellationToken)
    {
        var shots = storyboard.Shots;
        var maker = Keyframes(request);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken };
        async Task MakeAsync(int k, IReadOnlyList<string> references, CancellationToken token)
        {
            if (manifest.Read(m => m.Keyframes.ContainsKey(k)))
            {
                return;
            }

            var png = Path.Combine(renderer.FramesFolder, $"keyframe-{k:D2}.png");
            if (k == 0 && manifest.Anchor is { } anchor)
            {
                File.Copy(anchor, png, overwrite: true);
            }
            else
            {
                await maker.MakeAsync(KeyframePrompt(shots, k), references, png, token).ConfigureAwait(false);
            }

            manifest.Update(folder, m => m.Keyframes[k] = png);
        }

        // The opening keyframe first: without anchor images it becomes the anchor every other keyframe is drawn from.
        await MakeAsync(0, anchors, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> references = anchors.Count > 0 ? anchors : [manifest.Keyframes[0]];
        await Parallel.ForEachAsync(Enumerable.Range(1, shots.Count), parallel, async (k, token) => await MakeAsync(k, references, token).ConfigureAwait(false)).ConfigureAwait(false);

        if (manifest.Anchor is null)
        {
            manifest.Update(folder, m => m.Anchor = m.Keyframes[0]);
        }

        var anchorLab = PictureFile.MeanLab(await PictureFile.LoadAsync(manifest.Anchor!, _tools, cancellationToken).ConfigureAwait(false));
        var takes = new SegmentTake[shots.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, shots.Count), parallel, async (i, token) =>
        {
            var (start, end) = manifest.Read(m => (m.Keyframes[i], m.Keyframes[i + 1]));
            var startLab = PictureFile.MeanLab(await PictureFile.LoadAsync(start, _tools, token).ConfigureAwait(false));
            takes[i] = await renderer.RenderAsync(i, shots[i], start, end, anchorLab, startLab, estimates.Skip(i + 1).Sum(), token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return takes;
    }

    // The extend strategy keeps to one model: the best whose first segment's first route can be extended there (its own
    // host, or by URL); a pinned model, or none that can, leaves the request as it is (segments then chain where they must).
    private LongFormRequest ForExtension(LongFormRequest request, Storyboard board, bool anchored, bool assumeEveryHostConfigured)
    {
        if (request.Strategy != LongFormStrategy.Extend || request.Model is not null || board.Shots.Count < 2)
        {
            return request;
        }

        var opening = generation.Plan(request.Segment(board.Shots[0], anchored ? "first.png" : null, null), assumeEveryHostConfigured);
        return opening.Candidates.FirstOrDefault(c => PlanExtension(request with { Model = c.Model.Id }, board.Shots[1], c.Route.Host, assumeEveryHostConfigured) is not null) is { } chosen
            ? request with { Model = chosen.Model.Id }
            : request;
    }

    // The routes that could extend a video made on this host, or null when none can (or the pinned model has no extension).
    private VideoRoutePlan? PlanExtension(LongFormRequest request, StoryboardShot shot, string sourceHost, bool assumeEveryHostConfigured)
    {
        if (request.Strategy != LongFormStrategy.Extend)
        {
            return null;
        }

        try
        {
            var plan = generation.PlanExtension(request.Segment(shot, null, null), generation.ExtensionSourceOn(sourceHost), assumeEveryHostConfigured);
            return plan.Candidates.Count > 0 ? plan : null;
        }
        catch (CuboidException ex) when (ex.Code == CuboidErrorCodes.ModelUnsuitable)
        {
            return null;
        }
    }

    // Whether some configured route can extend this delivered job's video (its URL or its host known now, not assumed).
    private bool CanExtend(LongFormRequest request, StoryboardShot shot, string jobId)
    {
        try
        {
            return generation.Plan(request.Segment(shot, null, null) with { ExtendJobId = jobId }).Candidates.Count > 0;
        }
        catch (CuboidException ex) when (ex.Code == CuboidErrorCodes.ModelUnsuitable)
        {
            return false;
        }
    }

    private KeyframeMaker Keyframes(LongFormRequest request) => images is null
        ? throw (request.Strategy == LongFormStrategy.Keyframes
            ? CuboidException.Usage(CuboidErrorCodes.ProviderUnavailable, CuboidParameters.Strategy, $"{CuboidParameters.Strategy} keyframes needs an image model for its keyframes; configure one, or use {CuboidParameters.Strategy} chain")
            : CuboidException.Usage(CuboidErrorCodes.ProviderUnavailable, CuboidParameters.ReAnchor, $"{CuboidParameters.ReAnchor} regenerate needs an image model; configure one, or use {CuboidParameters.ReAnchor} match"))
        : new KeyframeMaker(images, request.Size ?? VideoSize.FromResolution(request.Resolution, request.AspectRatio), _tools);

    private static string KeyframePrompt(IReadOnlyList<StoryboardShot> shots, int k) =>
        k == 0 ? $"The opening frame of this shot: {shots[0].Prompt}"
        : k == shots.Count ? $"The closing frame of this shot: {shots[k - 1].Prompt}"
        : $"The frame where this shot ends: {shots[k - 1].Prompt} It also opens the next shot: {shots[k].Prompt}";

    // What makes a run this run: the same options in the same folder resume it; anything else is another run.
    private static string Fingerprint(LongFormRequest request)
    {
        var identity = JsonSerializer.Serialize(new
        {
            request.Prompt, request.Seconds, request.SegmentSeconds, Strategy = request.Strategy.ToString(), request.Anchors, request.StoryboardPath,
            Size = request.Size?.ToString(), request.Resolution, request.AspectRatio, request.Model, Policy = request.Policy.ToString(),
            ReAnchor = request.ReAnchor.ToString(), request.Gates, request.BestOf,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private static void WriteText(string path, string text)
    {
        var temp = path + ".partial";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
