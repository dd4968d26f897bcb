using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation.Images;

/// <summary>One image-host simulator per test class; tests use unique host model names so their scripts do not meet.</summary>
public sealed class ImageSimulatorFixture : IAsyncLifetime
{
    public ImageHostSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await ImageHostSimulator.StartAsync();

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
