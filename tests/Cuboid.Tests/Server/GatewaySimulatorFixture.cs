using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>One loopback provider simulator per test class; each test starts it clean and builds its own gateway.</summary>
public sealed class GatewaySimulatorFixture : IAsyncLifetime
{
    public ProviderSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await ProviderSimulator.StartAsync();

    public ProviderSimulator Fresh()
    {
        Sim.ClearScripts();
        Sim.ClearLog();
        Sim.Latency = TimeSpan.Zero;
        return Sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
