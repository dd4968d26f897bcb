using System.Globalization;
using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>
/// Puts a 200-token prompt, a 1024² image, a 5 s 720p clip and the same clip in 4K side by side, in FLOPs and in
/// GPU-seconds, to show where "1 : 100 : 10,000, and 4K another 10×" holds and where it breaks.
/// </summary>
public static class ModalityLadder
{
    /// <summary>Plans each rung of <paramref name="options"/> with <paramref name="assumptions"/> and compares them to the first.</summary>
    public static LadderReport Build(LadderOptions options, ModelFamilyCatalog families, PlanAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(assumptions);
        var image = families.Find(options.ImageFamily);
        var video = families.Find(options.VideoFamily);
        var frames = TokenCounter.FramesFor(video, options.VideoSeconds);
        var prompt = options.PromptTokens;
        var seconds = options.VideoSeconds.ToString("0.##", CultureInfo.InvariantCulture);

        var plans = new List<(string Label, ComputePlan Plan)>
        {
            ($"{prompt}-token prompt, {options.UnitLlmName}",
                ComputePlanner.Plan(new LlmWorkload(options.UnitLlmParameters, prompt, 0) { Name = options.UnitLlmName }, assumptions)),
            ($"{prompt}-token prompt, {options.LargeLlmName}",
                ComputePlanner.Plan(new LlmWorkload(options.LargeLlmParameters, prompt, 0) { Name = options.LargeLlmName }, assumptions)),
            ($"{options.UnitLlmName}: {prompt} in + {prompt} out",
                ComputePlanner.Plan(new LlmWorkload(options.UnitLlmParameters, prompt, prompt) { Name = options.UnitLlmName }, assumptions)),
            ($"{options.ImageSide}² image, {image.Name}",
                ComputePlanner.Plan(new DiffusionWorkload(image, options.ImageSide, options.ImageSide, 1), assumptions)),
            ($"{seconds} s 720p, {video.Name}",
                ComputePlanner.Plan(new DiffusionWorkload(video, 1280, 720, frames), assumptions)),
            ($"{seconds} s 4K, {video.Name}",
                ComputePlanner.Plan(new DiffusionWorkload(video, 3840, 2160, frames), assumptions)),
        };

        var unit = plans[0].Plan;
        var rungs = plans.Select(p => new LadderRung(p.Label, p.Plan, ContentTokens(p.Plan), p.Plan.TotalFlops / unit.TotalFlops,
            p.Plan.Seconds / unit.Seconds, (double)ContentTokens(p.Plan) / ContentTokens(unit))).ToList();

        var assumed = new List<string>
        {
            Invariant($"GPU {assumptions.Gpu.Name} ({assumptions.Gpu.Id}), {assumptions.Precision.ToString().ToUpperInvariant()}, dense peak {assumptions.PeakFlops / 1e12:N1} TFLOP/s, {assumptions.Gpu.MemoryBandwidthTBps:0.###} TB/s, ridge {assumptions.Ridge:N0} FLOP/byte at peak"),
            Invariant($"MFU {assumptions.Mfu:0.##} and memory-bandwidth utilisation {assumptions.Mbu:0.##}; each phase takes the longer of its compute and memory times and is bound by it (effective ridge {assumptions.EffectiveRidge:N0} FLOP/byte); batch 1"),
            "LLM prompt = prefill only: 2 FLOPs per parameter per token; the weights are read once",
            Invariant($"image: {image.Id}, {image.DefaultSteps} steps × {image.PassesPerStep} pass{(image.PassesPerStep == 1 ? "" : "es")}, {image.TextTokens} text tokens in joint attention"),
            Invariant($"video: {video.Id}, {frames} frames at {video.Fps:0.##} fps, {video.DefaultSteps} steps × {video.PassesPerStep} pass{(video.PassesPerStep == 1 ? "" : "es")}, full 3D attention"),
            "text encoder and VAE decode excluded (small by comparison)",
        };

        var large = rungs[1];
        var (request, img, clip, uhd) = (rungs[2], rungs[3], rungs[4], rungs[5]);
        var findings = new List<string>
        {
            "rule of thumb: prompt 1 : image 100 : 5 s video 10,000, and 4K another ×10",
            Invariant($"FLOPs (prompt : image : 5 s 720p) vs the {options.UnitLlmName} prompt: 1 : {img.FlopsRatio:N0} : {clip.FlopsRatio:N0}; 4K is {uhd.Plan.TotalFlops / clip.Plan.TotalFlops:N0}× the 720p clip"),
            Invariant($"FLOPs vs the {options.LargeLlmName} prompt: 1 : {img.Plan.TotalFlops / large.Plan.TotalFlops:N0} : {clip.Plan.TotalFlops / large.Plan.TotalFlops:N0} (closest to the rule: a 70B-class unit, a ~12B image model, a 10–14B video model at about 480p)"),
            Invariant($"GPU-seconds at batch 1 (prompt : image : 720p : 4K): 1 : {img.SecondsRatio:N0} : {clip.SecondsRatio:N0} : {uhd.SecondsRatio:N0}"),
            Invariant($"a whole {options.UnitLlmName} request ({prompt} in, {prompt} out) takes {request.Plan.Seconds:0.##} s, {(request.Plan.Bound == Boundedness.MemoryBound ? "memory-bound" : "compute-bound")} (decoding reads every weight per token); the image takes {img.Plan.Seconds / request.Plan.Seconds:0.#}× that, not 100×: price by GPU-seconds at the real batch size, not by FLOPs"),
            Invariant($"tokens per pass (prompt : image : 720p : 4K): 1 : {img.TokensRatio:N1} : {clip.TokensRatio:N0} : {uhd.TokensRatio:N0}; one pass each, the rule overstates; with steps, guidance passes and N² attention it understates"),
            Invariant($"4K has {(double)uhd.Tokens / clip.Tokens:N1}× the tokens of 720p but {uhd.Plan.TotalFlops / clip.Plan.TotalFlops:N0}× the FLOPs: attention is {QuantityText.Percent(uhd.Plan.AttentionShare)} of the 4K work; ×10 holds only for pixels and tokens, linear-cost (windowed or sparse) attention, or 4K by upscaling"),
        };
        return new LadderReport(rungs, assumed, findings);
    }

    // The prompt's or the picture's own tokens; a DiT's sequence also holds the text tokens.
    private static long ContentTokens(ComputePlan plan) => plan.Clip?.VideoTokens ?? plan.Tokens;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
