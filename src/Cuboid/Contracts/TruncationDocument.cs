using Cuboid.Media.Probe;

namespace Cuboid.Contracts;

/// <summary><c>truncated</c> in every media document: null for a whole file, else how much of it decodes.</summary>
/// <param name="DecodableSeconds">Seconds that can be decoded.</param>
/// <param name="ExpectedSeconds">Seconds the file's header claims.</param>
public sealed record TruncationDocument(double DecodableSeconds, double ExpectedSeconds)
{
    /// <summary>The document for <paramref name="truncation"/>, or null for a whole file.</summary>
    public static TruncationDocument? From(Truncation? truncation) => truncation is null ? null : new(
        Math.Round(truncation.DecodableLength.TotalSeconds, 6),
        Math.Round(truncation.ExpectedLength.TotalSeconds, 6));
}
