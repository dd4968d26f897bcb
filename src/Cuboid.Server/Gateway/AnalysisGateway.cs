using Cuboid.Media.Probe;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Understanding;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The server's one door into the library's understanding pipeline: the same <see cref="AnalysisSession"/> entry the
/// CLI's <c>cuboid analyze</c> uses, on the process-wide router (each run its own <see cref="RunScope"/>) and the
/// server's cache, and the media engine's probe that checks an upload is a video before any work.
/// </summary>
/// <param name="services">The container <see cref="AnalysisSession"/> resolves the router, the <see cref="IAnalysisCache"/>
/// and the analyzer from: the gateway's own (<c>AddCuboid</c> and the gateway's stores).</param>
public sealed class AnalysisGateway(IServiceProvider services)
{

    /// <summary>Probes the file with the media engine; a file that is not a video (or has no video stream) is a 400.</summary>
    public static async Task CheckVideoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var info = await VideoProbe.ProbeAsync(path, cancellationToken: cancellationToken);
            info.RequireVideo();
        }
        catch (CuboidException ex) when (ex.Kind is ErrorKind.Input or ErrorKind.Usage)
        {
            throw GatewayException.BadRequest($"the upload is not a video the media engine can read: {ex.Message.Replace(path, "the upload", StringComparison.Ordinal)}", "file");
        }
    }

    /// <summary>The worst case the run could cost on the configured models (a plan: one decode, no model call).</summary>
    public async Task<decimal> WorstCaseAsync(AnalyzeRequest request, CancellationToken cancellationToken) =>
        request.Offline ? 0m : (await AnalysisSession.PlanAsync(Options(request, budget: null), cancellationToken)).WorstCaseDollars;

    /// <summary>Runs the analysis into <see cref="AnalyzeRequest.OutputDirectory"/>, spending at most <paramref name="budget"/> dollars.</summary>
    public Task<AnalysisOutcome> RunAsync(AnalyzeRequest request, decimal? budget, Action<AnalysisProgress> progress, CancellationToken cancellationToken) =>
        AnalysisSession.RunAsync(Options(request, budget), progress, cancellationToken);

    /// <summary>As <see cref="RunAsync(AnalyzeRequest, decimal?, Action{AnalysisProgress}, CancellationToken)"/> over a media source that replays
    /// work done earlier (a batch's finish step) rather than the media engine.</summary>
    internal Task<AnalysisOutcome> RunAsync(AnalyzeRequest request, decimal? budget, ReplayedPassSource media, CancellationToken cancellationToken) =>
        AnalysisSession.RunAsync(Options(request, budget) with { Media = media, Audio = media, Time = services.GetService<TimeProvider>() }, _ => { }, cancellationToken);

    private AnalyzeOptions Options(AnalyzeRequest request, decimal? budget) => new()
    {
        Request = request,
        Budget = budget is > 0 ? budget : null,
        Services = services,
    };
}
