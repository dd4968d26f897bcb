using Microsoft.Playwright;

namespace Cuboid.Tests.Understanding.Reports.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright's driver (shipped in the NuGet package; Playwright's own browser download
/// is not reachable here). <c>scripts/ensure-tools.sh</c> installs Chromium when it is missing.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ChromiumSession> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run scripts/ensure-tools.sh (or apt-get install -y chromium)");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
        return new ChromiumSession(playwright, browser);
    }

    /// <summary>Opens a file in a fresh page of the given width, recording console errors and script exceptions.</summary>
    public async Task<ReportPage> OpenAsync(string file, int width, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var reportPage = new ReportPage(context, page);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return reportPage;
    }

    /// <summary>A fresh browser context (its own storage) with a viewport of the given size.</summary>
    public Task<IBrowserContext> NewContextAsync(int width, int height) =>
        _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
