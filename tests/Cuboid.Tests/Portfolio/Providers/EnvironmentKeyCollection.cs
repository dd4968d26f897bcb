namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>Tests that change process environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(EnvironmentKeyTests), DisableParallelization = true)]
public sealed class EnvironmentKeyCollection;
