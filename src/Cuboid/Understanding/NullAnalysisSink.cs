using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Keeps nothing: no cache, and the frames and audio live in a temporary folder that is deleted when the run ends.
/// For analysis as a plain call whose only product is the returned report.
/// </summary>
public sealed class NullAnalysisSink : IAnalysisSink
{
    public static NullAnalysisSink Instance { get; } = new();

    public IAnalysisCache? Cache => null;

    public IAnalysisWorkspace Open(AnalyzeRequest request) => new ScratchWorkspace();

    private sealed class ScratchWorkspace : IAnalysisWorkspace
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("cuboid-analysis-").FullName;

        public Task<string?> KeepAsync(AnalysisReport report, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open (a scanner, a slow antivirus) leaves a temp folder behind, not a failed run.
            }
        }
    }
}
