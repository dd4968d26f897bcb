using System.Security.Cryptography;

namespace Cuboid.Storage;

/// <summary>SHA-256 of a file's bytes, as lowercase hex: the identity of a frame or an audio piece in the cache.</summary>
internal static class ContentHash
{
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using var streamDisposal = stream.ConfigureAwait(false);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
