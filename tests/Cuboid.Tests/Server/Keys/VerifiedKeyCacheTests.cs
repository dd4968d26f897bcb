using Cuboid.Server;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Server.Keys;

/// <summary>
/// The gateway's cache of verified keys over a real SQLite store: a key revoked in the store by someone else (another
/// process, <c>cuboid keys revoke</c>) stops working once its entry is <see cref="ServerOptions.KeyCacheSeconds"/> old,
/// one revoked through this process at once, and a wrong secret is never trusted.
/// </summary>
public sealed class VerifiedKeyCacheTests : IAsyncLifetime
{
    private readonly SqliteTestFolder _folder = new("cuboid-key-cache-tests");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_key_revoked_by_another_process_is_refused_within_the_cache_lifetime()
    {
        var store = GatewayStore.Open(_folder.Path);
        var cache = Cache(store, seconds: 5);
        var issued = store.CreateKey(new KeySpec { Name = "team" }, _time.GetUtcNow());
        var hash = KeySecrets.Hash(issued.Secret);

        var first = cache.Find(hash);
        GatewayStore.Open(_folder.Path).Revoke(issued.Key.Id, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var stillTrusted = cache.Find(hash);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var afterLifetime = cache.Find(hash);

        Assert.Equal(issued.Key.Id, first?.Key?.Id);
        Assert.Same(first, stillTrusted);
        Assert.Null(afterLifetime);
    }

    [Fact]
    public void A_key_revoked_through_this_process_is_refused_at_once()
    {
        var store = GatewayStore.Open(_folder.Path);
        var cache = Cache(store, seconds: 60);
        var issued = store.CreateKey(new KeySpec { Name = "team" }, _time.GetUtcNow());
        var other = store.CreateKey(new KeySpec { Name = "other" }, _time.GetUtcNow());
        Assert.NotNull(cache.Find(KeySecrets.Hash(issued.Secret)));
        Assert.NotNull(cache.Find(KeySecrets.Hash(other.Secret)));

        store.Revoke(issued.Key.Id, _time.GetUtcNow());
        cache.Forget(issued.Key.Id);

        Assert.Null(cache.Find(KeySecrets.Hash(issued.Secret)));
        Assert.Equal(other.Key.Id, cache.Find(KeySecrets.Hash(other.Secret))?.Key?.Id);
    }

    [Fact]
    public void A_wrong_secret_is_refused_and_a_key_issued_later_under_it_is_found()
    {
        var store = GatewayStore.Open(_folder.Path);
        var cache = Cache(store, seconds: 60);

        Assert.Null(cache.Find(KeySecrets.Hash("cbk-not-a-key")));
        var issued = store.CreateKey(new KeySpec(), _time.GetUtcNow());
        Assert.Equal(issued.Key.Id, cache.Find(KeySecrets.Hash(issued.Secret))?.Key?.Id);
    }

    [Fact]
    public void With_no_lifetime_every_lookup_asks_the_store()
    {
        var store = GatewayStore.Open(_folder.Path);
        var cache = Cache(store, seconds: 0);
        var issued = store.CreateKey(new KeySpec(), _time.GetUtcNow());
        Assert.NotNull(cache.Find(KeySecrets.Hash(issued.Secret)));

        store.Revoke(issued.Key.Id, _time.GetUtcNow());

        Assert.Null(cache.Find(KeySecrets.Hash(issued.Secret)));
    }

    private VerifiedKeyCache Cache(IGatewayStore store, double seconds) =>
        new(store, _time, Options.Create(new ServerOptions { KeyCacheSeconds = seconds }));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _folder.DeleteAsync();
}
