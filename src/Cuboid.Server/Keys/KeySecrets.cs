using System.Security.Cryptography;
using System.Text;

namespace Cuboid.Server.Keys;

/// <summary>Minting key secrets and hashing them for storage and lookup.</summary>
public static class KeySecrets
{
    public const string SecretPrefix = "cbk-";

    /// <summary>A new secret: the prefix and 32 random bytes as lowercase hex.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the secret, lowercase hex: what the store keeps and looks keys up by.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(Digest(secret));

    /// <summary>SHA-256 of the secret's UTF-8 bytes.</summary>
    public static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares a presented secret with a configured one in constant time.</summary>
    public static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Digest(presented), Digest(expected));
}
