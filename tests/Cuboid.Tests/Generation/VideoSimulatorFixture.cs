using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary>One video-host simulator per test class; tests use unique host model names so their scripts do not meet.</summary>
public sealed class VideoSimulatorFixture : IAsyncLifetime
{
    public VideoHostSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await VideoHostSimulator.StartAsync();

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
