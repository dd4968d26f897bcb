namespace Cuboid.Server.Keys;

/// <summary>A key just created: the record and its secret, which is shown this once and never stored.</summary>
public sealed record IssuedKey(VirtualKey Key, string Secret)
{
    /// <summary>A new key for <paramref name="spec"/> (validated first): a fresh secret, and the record every store keeps (its hash, never the secret).</summary>
    public static IssuedKey New(KeySpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var secret = KeySecrets.NewSecret();
        var key = new VirtualKey
        {
            Id = "key_" + Guid.CreateVersion7(now).ToString("N")[..20],
            Name = spec.Name,
            Prefix = secret[..(KeySecrets.SecretPrefix.Length + 6)],
            Hash = KeySecrets.Hash(secret),
            Budget = spec.Budget,
            Period = KeyPeriods.Parse(spec.Period),
            Models = spec.Models is { Count: > 0 } models ? models : null,
            Tasks = spec.Tasks is { Count: > 0 } tasks ? tasks : null,
            Rpm = spec.Rpm,
            CreatedAt = now,
        };
        return new IssuedKey(key, secret);
    }
}
