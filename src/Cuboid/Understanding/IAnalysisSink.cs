using Cuboid.Storage;

namespace Cuboid.Understanding;

/// <summary>
/// Where an analysis keeps what it makes besides the report it returns: the cache of answers already paid for, and a
/// workspace for the frames and audio that becomes the report folder when the run is kept. The analyzer only calls
/// models; <see cref="FileAnalysisSink"/> is what <c>cuboid analyze</c> uses, <see cref="NullAnalysisSink"/> keeps nothing.
/// </summary>
public interface IAnalysisSink
{
    /// <summary>Captions, transcripts and syntheses already paid for; null to ask the models every time.</summary>
    IAnalysisCache? Cache { get; }

    /// <summary>Opens the run's workspace before anything else happens, so a bad output location is the first error.</summary>
    IAnalysisWorkspace Open(AnalyzeRequest request);
}
