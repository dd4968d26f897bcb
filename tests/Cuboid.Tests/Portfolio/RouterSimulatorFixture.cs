using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Portfolio;

/// <summary>One loopback provider simulator shared by the end-to-end router tests of a class.</summary>
public sealed class RouterSimulatorFixture : IAsyncLifetime
{
    public ProviderSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await ProviderSimulator.StartAsync();

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
