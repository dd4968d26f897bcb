using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// A finished run: the report, where the sink kept it (<see cref="OutputDirectory"/>; null when the sink keeps nothing,
/// <see cref="NullAnalysisSink"/>), and, when a stage stopped early (budget exhausted, providers failing, a client's
/// transport failure), the failure. The report is complete in the first case and partial (<c>Mode = "partial"</c>) in
/// the second; it is returned and kept either way.
/// </summary>
public sealed record AnalysisOutcome(AnalysisReport Report, string? OutputDirectory, CuboidException? Failure)
{
    /// <summary>True when the run was meant to use models but no provider is configured (the report is structural only).</summary>
    public bool NoProviderConfigured { get; init; }

    /// <summary>The report files that were written (<c>--format</c>); <c>frames/</c> is always written beside them.</summary>
    public ReportFormats Formats { get; init; } = ReportFormats.All;
}
