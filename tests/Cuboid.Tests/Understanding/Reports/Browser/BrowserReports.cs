using Cuboid.Testing.Video;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding.Reports.Browser;

/// <summary>
/// What the browser tests open, made once per test class: Chromium, and the real report of <c>samples/demo.mp4</c>
/// (83 s, eight cuts and a fade) analysed by the real media engine with the provider simulator as every model, so it
/// has real frames, scenes and motion, captions, a transcript, chapters and costs. The video sits beside the report
/// folder, where report.html links it as <c>../demo.mp4</c>.
/// </summary>
public sealed class BrowserReports : IAsyncLifetime
{
    private SimulatedProviders _world = null!;
    private ChromiumSession? _chromium;

    internal ChromiumSession Chromium => _chromium ?? throw new InvalidOperationException("not started");

    /// <summary>The demo's report folder (report.html, frames/, ...).</summary>
    public string DemoReport { get; private set; } = null!;

    /// <summary>The structural report (offline: no model) of the same video, whose lists are its scenes.</summary>
    public string StructuralReport { get; private set; } = null!;

    public string Folder => _world.Folder;

    public async Task InitializeAsync()
    {
        _world = await SimulatedProviders.StartAsync();
        var video = Path.Combine(_world.Folder, "demo.mp4");
        File.Copy(SampleFiles.DemoVideo, video);
        DemoReport = Path.Combine(_world.Folder, "demo.mp4.cuboid");
        var options = _world.Options(video, MediaEngineSource.Instance, MediaEngineSource.Instance, DemoReport);
        var outcome = await AnalysisSession.RunAsync(options);
        if (outcome.Failure is not null || outcome.Report.Chapters.Count == 0 || outcome.Report.Transcript.Count == 0)
        {
            throw new InvalidOperationException($"the demo analysis did not give a full report: {outcome.Failure?.Message ?? outcome.Report.Mode}");
        }

        StructuralReport = Path.Combine(_world.Folder, "structural");
        var offline = _world.Options(video, MediaEngineSource.Instance, MediaEngineSource.Instance, StructuralReport);
        await AnalysisSession.RunAsync(offline with { Request = offline.Request with { Offline = true } });

        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _world.DisposeAsync();
    }
}
