using Cuboid.Compute;
using Cuboid.Spacetime;

namespace Cuboid.Tests.Compute;

public class ModalityLadderTests
{
    private static LadderReport Build() =>
        ModalityLadder.Build(new LadderOptions(), ModelFamilyCatalog.Default, new PlanAssumptions(GpuCatalog.Default.Find("h100"), Mfu: 0.5));

    [Fact]
    public void Reproduces_the_reference_ratios()
    {
        var report = Build();

        Assert.Equal(6, report.Rungs.Count);
        var (unit, large, image, clip, uhd) = (report.Rungs[0], report.Rungs[1], report.Rungs[3], report.Rungs[4], report.Rungs[5]);
        Assert.Equal(1, unit.FlopsRatio);
        Assert.InRange(image.FlopsRatio, 648 * 0.98, 648 * 1.02);
        Assert.InRange(clip.FlopsRatio, 203_024 * 0.98, 203_024 * 1.02);
        Assert.InRange(clip.Plan.TotalFlops / large.Plan.TotalFlops, 23_092 * 0.98, 23_092 * 1.02);
        Assert.InRange(uhd.FlopsRatio, 12_322_414 * 0.98, 12_322_414 * 1.02);
        Assert.Equal(9.0, (double)uhd.Tokens / clip.Tokens);
        Assert.InRange(uhd.Plan.TotalFlops / clip.Plan.TotalFlops, 59, 62);
        // At 50% MFU on an H100: FLUX.1-dev ≈ 4.2 s, Wan 720p ≈ 1,318 s, 4K ≈ 80,007 s.
        Assert.InRange(image.Plan.Seconds, 4.1, 4.3);
        Assert.InRange(clip.Plan.Seconds, 1_300, 1_335);
        Assert.InRange(uhd.Plan.Seconds, 78_500, 81_500);
    }

    [Fact]
    public void Prints_assumptions_and_where_the_rule_breaks()
    {
        var report = Build();

        Assert.Contains(report.Assumptions, a => a.Contains("MFU 0.5", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Contains("9.0× the tokens", StringComparison.Ordinal) && f.Contains("61× the FLOPs", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Contains("not 100×", StringComparison.Ordinal));
    }
}
