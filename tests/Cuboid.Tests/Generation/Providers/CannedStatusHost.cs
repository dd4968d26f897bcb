using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation.Providers;

/// <summary>One <see cref="CannedReplyHost"/> for a test class.</summary>
public sealed class CannedStatusHost : IAsyncLifetime
{
    public CannedReplyHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CannedReplyHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
