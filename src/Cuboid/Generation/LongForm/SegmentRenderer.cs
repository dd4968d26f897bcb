using Cuboid.Generation.Jobs;
using Cuboid.Media;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Renders one segment through the job engine and holds it to the gates: each take is recorded in the manifest the
/// moment its job exists, delivered into <c>segments/</c>, its first and last frames taken losslessly and measured
/// against the anchor and the frame before the join. While a gate trips, the segment is rendered again (most hosts
/// have no seed, so a new take differs), up to best-of-N and only while the budget still covers the rest of the plan;
/// the take tripping the fewest gates, then nearest the anchor, is kept. A resumed run waits for a take's job instead
/// of creating it again.
/// </summary>
internal sealed class SegmentRenderer(GenerationSession generation, LongFormManifest manifest, LongFormRequest request, string folder, MediaTools tools)
{
    public string SegmentsFolder => Path.Combine(folder, "segments");

    public string FramesFolder => Path.Combine(folder, "frames");

    /// <summary>The kept take of segment <paramref name="index"/>, rendering (or resuming) takes as needed.</summary>
    /// <param name="reserveForRest">Dollars the segments after this one are expected to need: a re-render may not eat into them.</param>
    /// <param name="extends">The job whose video this segment extends (the <c>extend</c> strategy), instead of a start frame.</param>
    public async Task<SegmentTake> RenderAsync(int index, StoryboardShot shot, string? startFrame, string? endFrame, LabColor? anchor,
        LabColor? beforeJoin, decimal reserveForRest, CancellationToken cancellationToken, string? extends = null)
    {
        if (manifest.Read(m => m.Chosen.TryGetValue(index, out var take) ? take : (int?)null) is { } chosenTake)
        {
            return manifest.TakesOf(index).First(t => t.Take == chosenTake) with { Path = Path.Combine(SegmentsFolder, $"segment-{index + 1:D2}.mp4") };
        }

        foreach (var pending in manifest.TakesOf(index).Where(t => t.State == SegmentTake.Pending && t.JobId is not null))
        {
            // Created by a run that was stopped: wait for that job (it is paid for), never create it again.
            var job = await generation.Runner.WaitAsync(pending.JobId!, cancellationToken).ConfigureAwait(false);
            var cost = job.State == VideoJobState.Succeeded ? job.ActualCost ?? job.EstimatedCost : 0;
            if (generation.Budget.TryReserve(cost, out var reservation))
            {
                reservation.Settle(cost);
            }

            await DeliverAsync(pending, job, anchor, beforeJoin, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var takes = manifest.TakesOf(index);
            var delivered = takes.Where(t => t.State == SegmentTake.Delivered).ToList();
            var best = delivered.OrderBy(t => Tripped(t).Count).ThenBy(t => t.AnchorDeltaE ?? 0).FirstOrDefault();
            var estimate = best?.Dollars ?? 0;
            var affordable = generation.Budget.Remaining is not { } left || left >= estimate + reserveForRest;
            if (best is not null && (Tripped(best).Count == 0 || delivered.Count >= request.BestOf || !affordable))
            {
                return Keep(index, best, delivered);
            }

            if (takes.Count(t => t.State == SegmentTake.Failed) >= 3)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"segment {index + 1} failed three times; see 'cuboid jobs list'");
            }

            var take = new SegmentTake { Segment = index, Take = takes.Count + 1, StartFrame = startFrame, EndFrame = endFrame, Extends = extends };
            manifest.Update(folder, m => m.Put(take));
            var outcome = await GenerateAsync(take, shot, cancellationToken).ConfigureAwait(false);
            await DeliverAsync(manifest.TakesOf(index).First(t => t.Take == take.Take), outcome.Job, anchor, beforeJoin, cancellationToken).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<(string Gate, double Value, double Threshold)> Tripped(SegmentTake take) =>
        take.AnchorDeltaE is { } anchor ? request.Gates.Tripped(anchor, take.JoinDeltaE) : [];

    private SegmentTake Keep(int index, SegmentTake best, IReadOnlyList<SegmentTake> delivered)
    {
        var kept = Path.Combine(SegmentsFolder, $"segment-{index + 1:D2}.mp4");
        File.Copy(best.Path!, kept + ".partial", overwrite: true);
        File.Move(kept + ".partial", kept, overwrite: true);
        manifest.Update(folder, m =>
        {
            // One event per gate tripped by a take that was rendered again, priced with the re-render it caused.
            var ordered = delivered.OrderBy(t => t.Take).ToList();
            for (var i = 0; i < ordered.Count - 1; i++)
            {
                var (take, next) = (ordered[i], ordered[i + 1]);
                m.Gates.AddRange(Tripped(take).Select(g => new GateEvent(index, take.Take, g.Gate, g.Value, g.Threshold, "re-rendered", next.Dollars)));
            }

            m.Chosen[index] = best.Take;
        });
        return best with { Path = kept };
    }

    private async Task<GenerationOutcome> GenerateAsync(SegmentTake take, StoryboardShot shot, CancellationToken cancellationToken)
    {
        var segment = request.Segment(shot, take.StartFrame, take.EndFrame) with { ExtendJobId = take.Extends };
        var first = take.StartFrame is { } s ? Path.GetFullPath(s) : null;
        var last = take.EndFrame is { } e ? Path.GetFullPath(e) : null;
        string? seen = null;
        var started = generation.Time.GetUtcNow().AddSeconds(-1);
        void Record(VideoJob job)
        {
            // The job engine saves a job before its create leaves: record its id then, so a crash from here on resumes it.
            if (job.Request.Prompt != shot.Prompt || job.Request.FirstFrame != first || job.Request.LastFrame != last || job.Request.Extends != take.Extends || job.Id == seen
                || job.CreatedAt < started)
            {
                return;
            }

            seen = job.Id;
            manifest.Update(folder, m => m.Put(m.Takes.First(t => t.Segment == take.Segment && t.Take == take.Take) with { JobId = job.Id }));
        }

        generation.Runner.Changed += Record;
        try
        {
            return await generation.GenerateAsync(segment, wait: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            generation.Runner.Changed -= Record;
        }
    }

    private async Task DeliverAsync(SegmentTake take, VideoJob job, LabColor? anchor, LabColor? beforeJoin, CancellationToken cancellationToken)
    {
        if (job.State != VideoJobState.Succeeded || job.Outputs.Count == 0)
        {
            if (job.State == VideoJobState.Unknown)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"segment {take.Segment + 1}'s job {job.Id} is unknown at {job.Host} ({job.Error}); Cuboid will not pay for it twice: check it with 'cuboid jobs show {job.Id}'");
            }

            manifest.Update(folder, m => m.Put(take with { JobId = job.Id, State = SegmentTake.Failed }));
            return;
        }

        var name = $"segment-{take.Segment + 1:D2}-take-{take.Take}";
        var path = Path.Combine(SegmentsFolder, name + ".mp4");
        File.Copy(job.Outputs[0].Path, path + ".partial", overwrite: true);
        File.Move(path + ".partial", path, overwrite: true);
        var firstPng = Path.Combine(FramesFolder, name + "-first.png");
        var lastPng = Path.Combine(FramesFolder, name + "-last.png");
        var (width, height) = (job.Outputs[0].Width, job.Outputs[0].Height);
        var firstLab = PictureFile.MeanLab(await FrameGrab.FirstAsync(path, width, height, firstPng, tools, cancellationToken).ConfigureAwait(false));
        var lastLab = PictureFile.MeanLab(await FrameGrab.LastAsync(path, width, height, lastPng, tools, cancellationToken).ConfigureAwait(false));
        manifest.Update(folder, m => m.Put(take with
        {
            JobId = job.Id,
            State = SegmentTake.Delivered,
            Path = path,
            Route = $"{job.Host}:{job.HostModel}",
            Dollars = job.ActualCost ?? job.EstimatedCost,
            // Without an anchor image the first segment's first frame is the anchor.
            AnchorDeltaE = lastLab.DeltaE(anchor ?? firstLab),
            JoinDeltaE = beforeJoin is { } before ? firstLab.DeltaE(before) : null,
            FirstFramePng = firstPng,
            LastFramePng = lastPng,
            LastColor = lastLab,
        }));
    }
}
