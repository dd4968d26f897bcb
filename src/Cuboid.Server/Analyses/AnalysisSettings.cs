namespace Cuboid.Server.Analyses;

/// <summary>The <c>cuboid analyze</c> options an upload may set (form fields of <c>POST /v1/analyses</c>).</summary>
public sealed record AnalysisSettings
{
    /// <summary>Seconds between interval samples (<c>every</c>, default 5).</summary>
    public double EverySeconds { get; init; } = 5;

    public int? MaxFrames { get; init; }

    public string? Focus { get; init; }

    public string? Language { get; init; }

    /// <summary>No model calls: the structural report only.</summary>
    public bool Offline { get; init; }
}
