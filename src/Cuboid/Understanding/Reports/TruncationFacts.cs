namespace Cuboid.Understanding.Reports;

/// <summary>report.json's <c>truncated</c>: the file ends before its header says, so the report covers only its first
/// <paramref name="DecodableSeconds"/> of the <paramref name="ExpectedSeconds"/> the header promises.</summary>
public sealed record TruncationFacts(double DecodableSeconds, double ExpectedSeconds);
