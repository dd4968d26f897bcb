using Cuboid.Media.Analysis;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

public sealed class SampleMotionTests
{
    private static CuboidEnergy Slab(double start, float active) => new(start, start + 0.16, active, active);

    [Fact]
    public async Task A_sample_waits_for_the_slab_around_it_before_taking_its_motion()
    {
        var motion = new SampleMotion();
        motion.Add(Slab(4.80, 0.01f));

        var take = motion.TakeAsync(5.0).AsTask();
        Assert.False(take.IsCompleted); // the slab starting at 4.96 may still move

        motion.Add(Slab(4.96, 0.40f));
        Assert.False(take.IsCompleted);
        motion.Add(Slab(5.12, 0.90f));

        Assert.Equal(0.40, await take, 6);
        var next = motion.TakeAsync(5.13).AsTask();
        Assert.False(next.IsCompleted); // the slab starting at 5.12 is not known to be over yet
        motion.Add(Slab(5.28, 0.05f));
        Assert.Equal(0.90, await next, 6);
    }

    [Fact]
    public async Task After_the_pass_ends_a_sample_takes_what_there_is()
    {
        var motion = new SampleMotion();
        motion.Add(Slab(82.80, 0.2f));

        var take = motion.TakeAsync(82.96).AsTask();
        motion.Complete();

        Assert.Equal(0.2, await take, 6);
        Assert.Equal(0, await motion.TakeAsync(90));
    }
}
