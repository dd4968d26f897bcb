using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>One run's folder: the frames and scratch audio go in <see cref="Directory"/>; <see cref="KeepAsync"/> keeps the report.</summary>
public interface IAnalysisWorkspace : IDisposable
{
    /// <summary>The folder the run writes into; report paths (<see cref="ReportSample.Frame"/>) are relative to it.</summary>
    string Directory { get; }

    /// <summary>Keeps the finished report; returns where it went, or null when it is kept nowhere but in memory.</summary>
    Task<string?> KeepAsync(AnalysisReport report, CancellationToken cancellationToken);
}
