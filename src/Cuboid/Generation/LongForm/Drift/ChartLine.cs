namespace Cuboid.Generation.LongForm;

/// <summary>A horizontal line on a drift chart: a gate or finding threshold, with the words that say what crossing it means.</summary>
/// <param name="Value">Where the line sits, in the chart's units.</param>
/// <param name="Label">Short text drawn at the line (<c>gate 8</c>, <c>finding +6</c>).</param>
/// <param name="IsGate">A gate (re-render) rather than a finding threshold; drawn in a stronger colour.</param>
internal readonly record struct ChartLine(double Value, string Label, bool IsGate = false);
