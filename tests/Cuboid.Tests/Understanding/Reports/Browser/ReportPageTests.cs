using Microsoft.Playwright;

namespace Cuboid.Tests.Understanding.Reports.Browser;

/// <summary>report.html in a real browser (Debian's Chromium through Playwright), opened from disk as a person would.</summary>
public sealed class ReportPageTests(BrowserReports reports) : IClassFixture<BrowserReports>
{
    private string DemoHtml => Path.Combine(reports.DemoReport, "report.html");

    [Fact]
    public async Task The_page_loads_its_video_without_a_console_error()
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, 1366);
        await page.WaitForVideoAsync();

        Assert.Empty(page.Errors);
        Assert.True(await page.Page.Locator("#novideo").IsHiddenAsync());
        Assert.Equal("chapters", await page.Page.EvaluateAsync<string>("() => document.querySelector('video track').kind"));
        // The inline chapters track loads: one cue per chapter in the list.
        var chapters = await page.Page.Locator("#chapters li").CountAsync();
        await page.Page.WaitForFunctionAsync($"() => {{ const t = document.querySelector('video').textTracks[0]; if (t.mode === 'disabled') t.mode = 'hidden'; return t.cues !== null && t.cues.length === {chapters}; }}");
    }

    [Fact]
    public async Task Clicking_a_chapter_seeks_the_video_and_marks_the_chapter()
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, 1366);
        await page.WaitForVideoAsync();
        var chapter = page.Page.Locator("#chapters li").Nth(1);
        var start = double.Parse((await chapter.GetAttributeAsync("data-t"))!, System.Globalization.CultureInfo.InvariantCulture);

        await chapter.ClickAsync();

        await page.Page.WaitForFunctionAsync($"() => Math.abs(document.getElementById('video').currentTime - {start.ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 0.05");
        Assert.Contains("Second part", await page.CurrentTextAsync("#chapters li"), StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Playing_to_a_time_highlights_its_chapter_transcript_line_and_sample()
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, 1366);
        await page.WaitForVideoAsync();

        // Play (muted, so headless Chromium allows it) from 12 s until past the 12.5 s transcript line.
        await page.Page.EvaluateAsync("async () => { const v = document.getElementById('video'); v.muted = true; v.currentTime = 12; await v.play(); }");
        await page.Page.WaitForFunctionAsync("() => document.getElementById('video').currentTime >= 13.2");
        await page.Page.EvaluateAsync("() => document.getElementById('video').pause()");
        await page.Page.WaitForFunctionAsync("() => document.querySelector('#transcript p.current')?.textContent.includes('second part')");

        var time = await page.VideoTimeAsync();
        Assert.Contains("Welcome", await page.CurrentTextAsync("#chapters li"), StringComparison.Ordinal);
        Assert.Contains("Now the second part.", await page.CurrentTextAsync("#transcript p"), StringComparison.Ordinal);
        // The current card is the last sample taken at or before the playback time.
        var times = await page.Page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.card')].map(c => parseFloat(c.dataset.t))");
        var expected = times.Select((t, i) => (t, i)).Last(x => x.t <= time).i;
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Page.Locator(".card.current").GetAttributeAsync("data-s"));
        Assert.Equal(1, await page.Page.Locator(".card.current").CountAsync());
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_keyboard_plays_and_steps_between_samples_and_the_strip_seeks()
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, 1366);
        await page.WaitForVideoAsync();
        await page.Page.EvaluateAsync("() => { document.getElementById('video').muted = true; }");

        // At 0 s the first card is current; each arrow moves one sample.
        Assert.Equal("0", await page.Page.Locator(".card.current").GetAttributeAsync("data-s"));
        await page.Page.Locator("body").PressAsync("ArrowRight");
        await page.Page.Locator("body").PressAsync("ArrowRight");
        await page.Page.Locator("body").PressAsync("ArrowLeft");
        var second = await page.Page.Locator(".card").Nth(1).GetAttributeAsync("data-t");
        Assert.Equal("1", await page.Page.Locator(".card.current").GetAttributeAsync("data-s"));
        await page.Page.WaitForFunctionAsync($"() => Math.abs(document.getElementById('video').currentTime - {second}) < 0.05");

        await page.Page.Keyboard.PressAsync(" ");
        await page.Page.WaitForFunctionAsync("() => !document.getElementById('video').paused");
        await page.Page.Keyboard.PressAsync(" ");
        await page.Page.WaitForFunctionAsync("() => document.getElementById('video').paused");

        // A click three quarters along the motion strip seeks to three quarters of the video.
        var box = (await page.Page.Locator("#strip").BoundingBoxAsync())!;
        await page.Page.Mouse.ClickAsync(box.X + box.Width * 0.75f, box.Y + box.Height / 2);
        var duration = await page.Page.EvaluateAsync<double>("() => document.getElementById('video').duration");
        await page.Page.WaitForFunctionAsync($"() => Math.abs(document.getElementById('video').currentTime - {(duration * 0.75).ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 0.6");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Clicking_a_scene_selects_the_card_of_its_own_sample_not_the_one_before()
    {
        await using var page = await reports.Chromium.OpenAsync(Path.Combine(reports.StructuralReport, "report.html"), 1366);
        var scenes = page.Page.Locator("#chapters li[data-s]");
        Assert.True(await scenes.CountAsync() >= 5, "the demo's cuts each have a sample of their own");

        for (var i = 0; i < await scenes.CountAsync(); i++)
        {
            var scene = scenes.Nth(i);
            await scene.ClickAsync();
            var card = page.Page.Locator(".card.current");
            Assert.Equal(await scene.GetAttributeAsync("data-s"), await card.GetAttributeAsync("data-s"));
            Assert.True(Seconds(await card.GetAttributeAsync("data-t")) >= Seconds(await scene.GetAttributeAsync("data-t")));
        }

        Assert.Contains("structural report", await page.Page.Locator(".note.info").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Clicking_a_card_selects_it_and_seeks_to_its_frame()
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, 1366);
        await page.WaitForVideoAsync();
        var card = page.Page.Locator(".card").Nth(3);

        await card.ClickAsync();

        Assert.Equal("3", await page.Page.Locator(".card.current").GetAttributeAsync("data-s"));
        await page.Page.WaitForFunctionAsync($"() => Math.abs(document.getElementById('video').currentTime - {await card.GetAttributeAsync("data-t")}) < 0.05");
    }

    [Theory]
    [InlineData(360)]
    [InlineData(390)]
    [InlineData(400)]
    public async Task A_phone_never_scrolls_the_page_sideways(int width)
    {
        await using var page = await reports.Chromium.OpenAsync(DemoHtml, width, 844);

        Assert.True(await page.HorizontalOverflowAsync() <= 0, $"the page is wider than {width} px");
        Assert.True(await page.Page.Locator(".costs table").First.IsVisibleAsync());
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_report_moved_on_its_own_keeps_its_thumbnails_and_says_where_it_looked_for_the_video()
    {
        var moved = Directory.CreateDirectory(Path.Combine(reports.Folder, "moved", "elsewhere")).FullName;
        var html = Path.Combine(moved, "report.html");
        File.Copy(DemoHtml, html, overwrite: true);

        await using var page = await reports.Chromium.OpenAsync(html, 1366);

        var note = page.Page.Locator("#novideo");
        await note.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("../demo.mp4", await note.InnerTextAsync(), StringComparison.Ordinal);
        await page.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.card img')].slice(0, 4).every(i => i.complete && i.naturalWidth > 0)");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.card img[src]')].every(i => i.src.startsWith('data:image/jpeg'))"));

        // The rest of the page still works: a chapter click marks the chapter and its card.
        await page.Page.Locator("#chapters li").Nth(1).ClickAsync();
        Assert.Contains("Second part", await page.CurrentTextAsync("#chapters li"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Page.Locator(".card.current").CountAsync());
        Assert.DoesNotContain(page.Errors, e => e.StartsWith("script error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_three_hour_report_with_2000_samples_loads_lazily_and_follows_a_seek()
    {
        var html = await LargeReport.WriteAsync(Directory.CreateTempSubdirectory("cuboid-large-report-").FullName);

        await using var page = await reports.Chromium.OpenAsync(html, 1366);

        Assert.Equal(LargeReport.Samples, await page.Page.Locator(".card").CountAsync());
        Assert.InRange(await page.Page.Locator(".card img[src]").CountAsync(), 1, 200);
        await page.Page.Locator("#chapters li").Nth(11).ClickAsync();
        var expected = (int)Math.Floor(11 * 450 / LargeReport.Every);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Page.Locator(".card.current").GetAttributeAsync("data-s"));
        await page.Page.WaitForFunctionAsync("() => { const c = document.querySelector('.card.current'), f = document.getElementById('film'); const a = c.getBoundingClientRect(), b = f.getBoundingClientRect(); return a.left >= b.left - 1 && a.right <= b.right + 1 && c.querySelector('img').naturalWidth > 0; }");
        Assert.Contains("Line 331", await page.CurrentTextAsync("#transcript p"), StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Screenshots_of_the_desktop_and_phone_layouts()
    {
        // CUBOID_SCREENSHOTS=docs keeps them (docs/report-desktop.png, docs/report-phone.png); otherwise a temp folder.
        var folder = Environment.GetEnvironmentVariable("CUBOID_SCREENSHOTS") is { Length: > 0 } keep ? keep : Directory.CreateTempSubdirectory("cuboid-shots-").FullName;
        foreach (var (name, width, height) in new[] { ("report-desktop.png", 1366, 900), ("report-phone.png", 390, 844) })
        {
            await using var page = await reports.Chromium.OpenAsync(DemoHtml, width, height);
            await page.WaitForVideoAsync();
            await page.Page.EvaluateAsync("async () => { const v = document.getElementById('video'); v.muted = true; v.currentTime = 13.5; await new Promise(r => v.addEventListener('seeked', r, { once: true })); }");
            await page.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.card img[src]')].slice(0, 4).every(i => i.complete)");
            await page.Page.WaitForTimeoutAsync(600);
            await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
            Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 10_000);
            Assert.Empty(page.Errors);
        }
    }

    private static double Seconds(string? text) => double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);
}
