using Cuboid.Compute;
using Cuboid.Spacetime;

namespace Cuboid.Generation;

/// <summary>What a clip costs the host in compute, for open-weights families the compute planner knows: space-time tokens, FLOPs and H100 GPU-seconds for this exact request.</summary>
internal sealed record GenerationCompute(string Family, long Tokens, double Flops, double H100Seconds)
{
    /// <summary>The estimate for <paramref name="familyId"/> at this size and length, or null when the family is unknown.</summary>
    public static GenerationCompute? Estimate(string? familyId, VideoSize size, int seconds)
    {
        if (familyId is null || ModelFamilyCatalog.Default.Families.FirstOrDefault(f => f.Id == familyId) is not { } family)
        {
            return null;
        }

        // Hosts pad odd sizes to the VAE × patch grid; so does the estimate.
        var workload = DiffusionWorkload.From(family, new ClipRequest { Size = new PixelSize(size.Width, size.Height), Seconds = seconds, Fit = UnevenShapePolicy.PadReplicate });
        var plan = ComputePlanner.Plan(workload, new PlanAssumptions(GpuCatalog.Default.Find("h100")));
        return new GenerationCompute(family.Id, plan.Tokens, plan.TotalFlops, plan.Seconds);
    }
}
