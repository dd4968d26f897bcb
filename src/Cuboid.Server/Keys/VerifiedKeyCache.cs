using System.Collections.Concurrent;
using Cuboid.Server.Store;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Keys;

/// <summary>
/// The live virtual keys this process has verified, by the SHA-256 of their secret, each for at most
/// <see cref="ServerOptions.KeyCacheSeconds"/>: a request's key lookup then costs a hash and a dictionary read instead of
/// a store query. Only keys found live are kept (a flood of wrong secrets cannot fill it, and always reaches the store).
/// A key revoked through this process (<see cref="Forget"/>, called by the admin API) is refused from the next request
/// on; one revoked elsewhere (<c>cuboid keys revoke</c>, or another gateway on the same store) is refused once its entry
/// expires, so within <see cref="ServerOptions.KeyCacheSeconds"/>.
/// </summary>
public sealed class VerifiedKeyCache(IGatewayStore store, TimeProvider time, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly long _lifetimeTicks = (long)(Math.Max(0, options.Value.KeyCacheSeconds) * time.TimestampFrequency);

    /// <summary>The caller holding the live key whose secret hashes to <paramref name="hash"/>, or null (unknown or revoked).</summary>
    public Caller? Find(string hash)
    {
        var now = time.GetTimestamp();
        if (_byHash.TryGetValue(hash, out var entry) && now < entry.ExpiresAt)
        {
            return entry.Caller;
        }

        var key = store.FindByHash(hash);
        if (key is not { RevokedAt: null })
        {
            _byHash.TryRemove(hash, out _);
            return null;
        }

        var caller = new Caller(key);
        if (_lifetimeTicks > 0)
        {
            _byHash[hash] = new Entry(caller, now + _lifetimeTicks);
        }

        return caller;
    }

    /// <summary>Drops the key with this id, so that its next request asks the store (after a revocation here).</summary>
    public void Forget(string keyId)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.Caller.Key?.Id == keyId)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(Caller Caller, long ExpiresAt);
}
