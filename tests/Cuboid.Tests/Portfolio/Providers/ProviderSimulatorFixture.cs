using Cuboid.Testing.Simulators;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>One simulator per test class, on a fixed clock (so HTTP-date Retry-After is exact); tests use unique model names.</summary>
public sealed class ProviderSimulatorFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    public ProviderSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await ProviderSimulator.StartAsync(new ProviderSimulatorOptions { TimeProvider = Time });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
