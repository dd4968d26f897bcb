using System.Globalization;
using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>
/// Prices workloads on a GPU with a roofline: each phase takes the longer of its compute time
/// (FLOPs / (dense peak × MFU)) and its memory time (bytes / (bandwidth × MBU)), and is bound by that longer one.
/// </summary>
public static class ComputePlanner
{
    /// <summary>FLOPs above this are refused as a mistake (it is 10¹² H100-years).</summary>
    public const double MaxFlops = 1e33;

    /// <summary>Plans a diffusion image or clip: steps × passes forwards over the clip's tokens.</summary>
    public static ComputePlan Plan(DiffusionWorkload workload, PlanAssumptions assumptions)
    {
        try
        {
            return PlanDiffusion(workload, assumptions);
        }
        catch (OverflowException ex)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Workload, $"the workload is too large to count ({ex.Message.TrimEnd('.')}); check the sizes, frames and steps");
        }
    }

    /// <summary>Plans an LLM request: one prefill over the prompt, then one decode step per output token.</summary>
    public static ComputePlan Plan(LlmWorkload workload, PlanAssumptions assumptions)
    {
        try
        {
            return PlanLlm(workload, assumptions);
        }
        catch (OverflowException ex)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Workload, $"the workload is too large to count ({ex.Message.TrimEnd('.')}); check the token counts and batch");
        }
    }

    private static ComputePlan PlanDiffusion(DiffusionWorkload workload, PlanAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(assumptions);
        assumptions.Validate();
        var family = workload.Family;
        var steps = workload.EffectiveSteps;
        var passes = workload.EffectivePasses;
        if (steps <= 0 || passes <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Steps, $"steps ({steps}) and passes per step ({passes}) must be at least 1");
        }

        var count = TokenCounter.Count(family, workload.Width, workload.Height, workload.Frames, workload.Fit);
        var forward = DitForwardCost.For(family, count);
        var forwards = checked((long)steps * passes);
        // Each forward reads the active weights once; activations stay far below the weights' traffic-to-FLOP ratio.
        var bytesPerForward = family.ParametersPerForward * assumptions.BytesPerParameter;
        var phase = Phase("denoise", count.SequenceTokens, forward.LinearFlops * forwards, forward.AttentionFlops * forwards,
            bytesPerForward * forwards, assumptions);
        var what = family.Kind == FamilyKind.Image || count.Frames == 1
            ? $"{family.Id} {count.Width}×{count.Height} image"
            : $"{family.Id} {count.Width}×{count.Height}, {count.Frames} frames";
        return Finish($"{what}, {steps} steps × {passes} pass{(passes == 1 ? "" : "es")}", count.SequenceTokens, forwards, count, [phase], assumptions);
    }

    private static ComputePlan PlanLlm(LlmWorkload workload, PlanAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(assumptions);
        assumptions.Validate();
        var p = workload.Parameters;
        if (!(p > 0) || p > 1e15)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.ParameterCount, $"parameter count {p} must be above 0 and at most 10^15");
        }

        if (workload.PromptTokens < 0 || workload.OutputTokens < 0 || workload.PromptTokens + workload.OutputTokens <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.PromptTokens, "prompt and output tokens must not be negative, and at least one must be above 0");
        }

        if (workload.Batch <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Batch, $"batch {workload.Batch} must be at least 1");
        }

        if (workload.Layers is <= 0 || workload.AttentionWidth is <= 0 || workload.KvWidth is <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Layers, "layers, attention width and KV width must be at least 1 when given");
        }

        double batch = workload.Batch;
        double prompt = workload.PromptTokens;
        double output = workload.OutputTokens;
        var weightBytes = p * assumptions.BytesPerParameter;
        var layers = workload.Layers ?? 0;
        var attentionWidth = layers > 0 ? workload.AttentionWidth ?? 0 : 0;
        // K and V, each KvWidth wide per layer, in the same precision as the weights.
        var kvBytesPerToken = 2.0 * layers * (workload.KvWidth ?? attentionWidth) * assumptions.BytesPerParameter;
        var phases = new List<PhaseEstimate>(2);
        if (prompt > 0)
        {
            phases.Add(Phase("prefill", checked(workload.PromptTokens * workload.Batch),
                2 * p * prompt * batch,
                2.0 * layers * attentionWidth * prompt * prompt * batch,
                weightBytes + (kvBytesPerToken * prompt * batch),
                assumptions));
        }

        if (output > 0)
        {
            // Decode step i attends to prompt + i cached tokens and reads every weight once.
            var contextSum = (output * prompt) + (output * (output - 1) / 2);
            phases.Add(Phase("decode", checked(workload.OutputTokens * workload.Batch),
                2 * p * output * batch,
                2.0 * layers * attentionWidth * contextSum * batch,
                (weightBytes * output) + (kvBytesPerToken * contextSum * batch),
                assumptions));
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{workload.Name} {FormatParameters(p)} params, {workload.PromptTokens:N0} prompt + {workload.OutputTokens:N0} output tokens, batch {workload.Batch}");
        var forwards = (prompt > 0 ? 1 : 0) + workload.OutputTokens;
        return Finish(description, checked((workload.PromptTokens + workload.OutputTokens) * workload.Batch), forwards, null, phases, assumptions);
    }

    internal static string FormatParameters(double parameters) => parameters switch
    {
        >= 1e12 => string.Create(CultureInfo.InvariantCulture, $"{parameters / 1e12:0.##}T"),
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{parameters / 1e9:0.##}B"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{parameters / 1e6:0.##}M"),
        _ => parameters.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static PhaseEstimate Phase(string name, long tokens, double linear, double attention, double bytes, PlanAssumptions assumptions)
    {
        var flops = linear + attention;
        if (!double.IsFinite(flops) || flops > MaxFlops || !double.IsFinite(bytes))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Workload, $"the {name} phase would need more than {MaxFlops:0e0} FLOPs; check the sizes, frames, steps and batch");
        }

        var intensity = flops / bytes;
        var computeSeconds = flops / (assumptions.PeakFlops * assumptions.Mfu);
        var memorySeconds = bytes / (assumptions.Gpu.BandwidthBytesPerSecond * assumptions.Mbu);
        // The bound names the roof that sets the time, at the derated rates the time uses (the effective ridge).
        var bound = memorySeconds > computeSeconds ? Boundedness.MemoryBound : Boundedness.ComputeBound;
        var boundAtPeak = intensity < assumptions.Ridge ? Boundedness.MemoryBound : Boundedness.ComputeBound;
        return new PhaseEstimate(name, tokens, linear, attention, bytes, intensity, bound, boundAtPeak, computeSeconds, memorySeconds,
            Math.Max(computeSeconds, memorySeconds));
    }

    private static ComputePlan Finish(string description, long tokens, long forwards, TokenCount? clip, IReadOnlyList<PhaseEstimate> phases,
        PlanAssumptions assumptions)
    {
        var seconds = phases.Sum(p => p.Seconds);
        double? dollars = assumptions.UsdPerGpuHour is { } rate ? seconds / 3600 * rate : null;
        return new ComputePlan(description, tokens, forwards, clip, phases, assumptions, seconds, dollars);
    }
}
