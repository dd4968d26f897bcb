using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Cuboid.Benchmarks.Media;

/// <summary>A short job for process-level media benchmarks: each operation takes seconds, so a few runs give a stable median.</summary>
public sealed class MediaBenchmarkJob : ManualConfig
{
    public MediaBenchmarkJob()
    {
        AddJob(Job.Dry
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
    }
}
