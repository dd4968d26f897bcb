using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cuboid.Tests.Server.Ui;

/// <summary>
/// One browser tab on the gateway UI: the page, and everything that went wrong in it (console errors, script
/// exceptions, failed requests, answers of 400 and up) so a test can assert that nothing did.
/// </summary>
internal sealed class UiPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    private UiPage(IBrowserContext context, IPage page, Uri gateway)
    {
        _context = context;
        Page = page;
        Gateway = gateway;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue("script error: " + error);
        page.RequestFailed += (_, request) =>
        {
            // A <video> drops its range request once it has what it needs: Chromium reports that as aborted.
            if (!(request.ResourceType == "media" && request.Failure == "net::ERR_ABORTED"))
            {
                _errors.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _errors.Enqueue($"HTTP {response.Status}: {response.Request.Method} {new Uri(response.Url).AbsolutePath}");
            }
        };
    }

    public IPage Page { get; }

    public Uri Gateway { get; }

    /// <summary>What went wrong so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public static async Task<UiPage> OpenAsync(Understanding.Reports.Browser.ChromiumSession chromium, Uri gateway, int width, int height = 900)
    {
        var context = await chromium.NewContextAsync(width, height);
        var page = new UiPage(context, await context.NewPageAsync(), gateway);
        page.Page.SetDefaultTimeout(30_000);
        await page.Page.GotoAsync(gateway.ToString());
        return page;
    }

    /// <summary>Signs in with <paramref name="key"/> and waits for the signed-in shell.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.Locator("#key").FillAsync(key);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Page.Locator("body.signed-in").WaitForAsync();
    }

    /// <summary>Opens a page of the UI (<c>#/videos</c>) and waits until the router has switched to it.</summary>
    public async Task GoAsync(string route)
    {
        await Page.EvaluateAsync("r => { location.hash = r; }", route);
        var name = route.TrimStart('#', '/').Split('/')[0];
        await Page.Locator($"nav a[data-route={name}][aria-current=page]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
    }

    /// <summary>How far the page itself scrolls sideways beyond the viewport (0 when it fits).</summary>
    public Task<int> HorizontalOverflowAsync() =>
        Page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
