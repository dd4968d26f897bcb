using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// The sink behind <c>cuboid analyze</c>: the report folder is staged beside the request's output path and swapped in
/// whole (<see cref="ReportFolder"/>), the report files are written in the request's formats, and each kept run is
/// recorded in the cache's run table.
/// </summary>
public sealed class FileAnalysisSink(IAnalysisCache? cache, TimeProvider? time = null) : IAnalysisSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IAnalysisCache? Cache => cache;

    public IAnalysisWorkspace Open(AnalyzeRequest request) => new ReportWorkspace(ReportFolder.Stage(request.OutputPath), request, cache, _time);

    private sealed class ReportWorkspace(StagedFolder folder, AnalyzeRequest request, IAnalysisCache? cache, TimeProvider time) : IAnalysisWorkspace
    {
        private readonly DateTimeOffset _started = time.GetUtcNow();

        public string Directory => folder.Staging;

        public async Task<string?> KeepAsync(AnalysisReport report, CancellationToken cancellationToken)
        {
            await ReportWriter.WriteAsync(report, request.Formats, folder.Staging, folder.Target, request.VideoPath, cancellationToken).ConfigureAwait(false);
            folder.Commit();
            cache?.RecordRun(new RunRecord(Guid.NewGuid().ToString("N"), Path.GetFullPath(request.VideoPath), folder.Target, report.Mode,
                report.Samples.Count, report.Usage.Total.Dollars, _started, time.GetUtcNow()));
            return folder.Target;
        }

        public void Dispose() => folder.Dispose();
    }
}
