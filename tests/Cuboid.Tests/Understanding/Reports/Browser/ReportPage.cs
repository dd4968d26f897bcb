using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cuboid.Tests.Understanding.Reports.Browser;

/// <summary>One open report.html: the page, what it logged as errors, and the questions the tests ask of it.</summary>
internal sealed class ReportPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    public ReportPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue("script error: " + error);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught script exceptions so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public Task<double> VideoTimeAsync() => Page.EvaluateAsync<double>("() => document.getElementById('video').currentTime");

    public Task WaitForVideoAsync() => Page.WaitForFunctionAsync("() => document.getElementById('video').readyState >= 1");

    /// <summary>The text of the one element matching <paramref name="selector"/> that is marked current.</summary>
    public Task<string> CurrentTextAsync(string selector) => Page.Locator(selector + ".current").InnerTextAsync();

    /// <summary>How far the page itself can scroll sideways (0 when it fits the viewport).</summary>
    public Task<int> HorizontalOverflowAsync() =>
        Page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
