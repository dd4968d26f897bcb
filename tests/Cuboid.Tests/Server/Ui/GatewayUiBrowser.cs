using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Understanding.Reports.Browser;

namespace Cuboid.Tests.Server.Ui;

/// <summary>
/// What the UI tests share, made once per class: Chromium (Debian's, through Playwright's driver), the provider
/// simulator and the video-host simulator. Each test starts its own gateway on a loopback port.
/// </summary>
public sealed class GatewayUiBrowser : IAsyncLifetime
{
    private ChromiumSession? _chromium;

    internal ChromiumSession Chromium => _chromium ?? throw new InvalidOperationException("not started");

    public ProviderSimulator Sim { get; private set; } = null!;

    public VideoHostSimulator VideoSim { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>CUBOID_SCREENSHOTS</c> when set, else <c>/tmp/ui-shots</c>.</summary>
    public static string ShotsFolder => Environment.GetEnvironmentVariable("CUBOID_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "ui-shots");

    public async Task InitializeAsync()
    {
        Sim = await ProviderSimulator.StartAsync();
        Sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
        VideoSim = await VideoHostSimulator.StartAsync();
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await VideoSim.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
