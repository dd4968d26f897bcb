using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Portfolio;

/// <summary>One loopback provider simulator shared by the end-to-end router tests of a class.</summary>
public sealed class RouterSimulatorFixture : IAsyncLifetime
{
    public ProviderSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await ProviderSimulator.StartAsync();

    /// <summary>The simulator with no scripted faults and an empty log, answering with <paramref name="responder"/>: a test's clean start.</summary>
    public ProviderSimulator Fresh(Func<SimulatedRequest, SimulatedReply> responder)
    {
        Sim.ClearScripts();
        Sim.ClearLog();
        return Sim.Respond(responder);
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
