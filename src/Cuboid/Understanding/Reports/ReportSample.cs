namespace Cuboid.Understanding.Reports;

/// <summary>
/// One kept sample: when, why it was chosen (<see cref="SampleReasons"/>), its frame file relative to the
/// report, and its caption with the model that wrote it (null when not captioned).
/// </summary>
public sealed record ReportSample(double Time, string Reason, string Frame, string? Caption = null, string? Model = null, bool FromCache = false);
