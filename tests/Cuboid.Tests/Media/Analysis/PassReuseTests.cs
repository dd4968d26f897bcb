using Cuboid.Media.Analysis;
using Cuboid.Media.Probe;
using Cuboid.Media.Scenes;
using Cuboid.Testing.Shots;

namespace Cuboid.Tests.Media.Analysis;

/// <summary>
/// The drift analyzer's path through the pass (its own probe handed in, the pass's cuboid motion slabs observed instead
/// of a second meter) must see exactly what a plain pass sees: the same cuts and fade on a reel that has both, and the
/// same motion.
/// </summary>
public sealed class PassReuseTests
{
    [Fact]
    public async Task A_pass_given_the_probe_and_observing_its_slabs_finds_the_same_cuts_fade_and_motion()
    {
        var path = await ShotReelBuilder.BuildAsync(PlanFidelityReel.Recipe);
        var ownSlabs = new List<CuboidEnergy>();
        var observedSlabs = new List<CuboidEnergy>();

        var plain = await AnalysisPass.RunAsync(path, new AnalysisOptions { AnalysisLongSide = 192, Consumers = [new MotionEnergyMeter(onSlab: ownSlabs.Add)] });
        var reused = await AnalysisPass.RunAsync(path, new AnalysisOptions
        {
            AnalysisLongSide = 192,
            Probed = await VideoProbe.ProbeAsync(path),
            SlabObserver = observedSlabs.Add,
        });

        // The reel: hard cuts at frames 122, 247, 372 and 622, a fade through black around frame 482.
        long[] cuts = [122, 247, 372, 622];
        Assert.Equal(cuts, plain.Boundaries.Where(b => b is { Kind: SceneBoundaryKind.Cut, FromFade: false }).Select(b => Nearest(b.Frame, cuts)));
        Assert.Contains(plain.Boundaries, b => b.Kind == SceneBoundaryKind.FadeOut);
        Assert.Equal(plain.Boundaries, reused.Boundaries);
        Assert.Equal(plain.FrameCount, reused.FrameCount);
        Assert.NotEmpty(ownSlabs);
        Assert.Equal(ownSlabs, observedSlabs);
    }

    // A detected cut within a frame of a true one counts as that one.
    private static long Nearest(long frame, long[] truth) => truth.FirstOrDefault(t => Math.Abs(t - frame) <= 1, frame);
}
