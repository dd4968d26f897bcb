using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Video;
using Microsoft.Playwright;

namespace Cuboid.Tests.Server.Ui;

/// <summary>
/// The web UI in a real browser against a gateway on a loopback port, whose models are the provider simulator and
/// whose video hosts are the video-host simulator: signing in, the leaderboard, an analysis from upload to report, a
/// video job from prompt to a playing MP4, a batch followed to its reports and index, the workers and the step one is
/// running, the spend chart, and every page on a 390 px phone. No page may log a
/// console error, throw, or see a failed request (except the 401 a wrong key is meant to get).
/// </summary>
public sealed class GatewayUiTests(GatewayUiBrowser browser) : IClassFixture<GatewayUiBrowser>
{
    private GatewayHost StartHost(out Uri address)
    {
        var host = new GatewayHost(browser.Sim, videoSim: browser.VideoSim);
        address = host.StartOnLoopback();
        return host;
    }

    [Fact]
    public async Task A_wrong_key_gets_a_clear_message_then_the_right_key_signs_in_and_out()
    {
        using var host = StartHost(out var address);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-a", ["budget"] = 20, ["period"] = "month" });
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);

        Assert.EndsWith("/ui/", new Uri(ui.Page.Url).AbsolutePath, StringComparison.Ordinal);
        await ui.Page.Locator("#key").FillAsync("cbk-this-is-not-a-key");
        await ui.Page.Locator("form button[type=submit]").ClickAsync();
        var message = ui.Page.Locator("#signin-error");
        await message.WaitForAsync();
        var refused = await message.InnerTextAsync();
        var errorsOfTheWrongKey = ui.Errors.Count;

        await ui.SignInAsync(key);
        var who = await ui.Page.Locator("#who-name").InnerTextAsync();
        var stored = await ui.Page.EvaluateAsync<string>("() => sessionStorage.getItem('cuboid.gateway.key')");
        await ui.Page.Locator("#leaderboard tbody tr").First.WaitForAsync();
        await ui.Page.Locator("#signout").ClickAsync();
        await ui.Page.Locator("#key").WaitForAsync();
        var afterSignOut = await ui.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('cuboid.gateway.key')");

        Assert.Contains("not accepted", refused, StringComparison.Ordinal);
        Assert.Contains("team-a", who, StringComparison.Ordinal);
        Assert.Contains("of $20.00 this month", who, StringComparison.Ordinal);
        Assert.Equal(key, stored);
        Assert.Null(afterSignOut);
        Assert.DoesNotContain(key, ui.Page.Url, StringComparison.Ordinal);
        // The wrong key's 401 (the answer and Chromium's console line about it) is the only thing that went wrong.
        Assert.All(ui.Errors.Take(errorsOfTheWrongKey), e => Assert.Contains("401", e, StringComparison.Ordinal));
        Assert.Empty(ui.Errors.Skip(errorsOfTheWrongKey));
    }

    [Fact]
    public async Task The_leaderboard_shows_each_tasks_models_with_ratings_prices_and_whether_they_are_usable()
    {
        using var host = StartHost(out var address);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(GatewayHost.AdminKey);

        var rows = ui.Page.Locator("#leaderboard tbody tr");
        await rows.First.WaitForAsync();
        var chat = await rows.AllInnerTextsAsync();
        await ui.Page.GetByRole(AriaRole.Tab, new() { Name = "Transcription" }).ClickAsync();
        await ui.Page.Locator("#leaderboard tr[data-model='sim:whisper-1']").WaitForAsync();
        var transcribe = await rows.AllInnerTextsAsync();
        await ui.Page.GetByRole(AriaRole.Tab, new() { Name = "Text → video" }).ClickAsync();
        await ui.Page.Locator("#leaderboard tr[data-model='test:alpha']").WaitForAsync();
        var video = await ui.Page.Locator("#leaderboard tr[data-model='test:alpha']").InnerTextAsync();

        Assert.StartsWith("1", chat[0], StringComparison.Ordinal);
        Assert.Contains("sim:primary-model", chat[0], StringComparison.Ordinal);
        Assert.Contains("Usable", chat[0], StringComparison.Ordinal);
        Assert.Contains("$1.00 · $4.00", chat[0], StringComparison.Ordinal);
        Assert.Contains("sim:backup-model", chat[1].Replace("simanthropic", "sim", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(transcribe);
        Assert.Contains("/ min", transcribe[0], StringComparison.Ordinal);
        Assert.Contains("/ s", video, StringComparison.Ordinal);
        Assert.Contains("Usable", video, StringComparison.Ordinal);
        Assert.Empty(ui.Errors);
    }

    [Fact]
    public async Task An_uploaded_video_is_analysed_and_its_report_opens_in_the_page()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 4, Audio = false });
        using var host = StartHost(out var address);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(GatewayHost.AdminKey);
        await ui.GoAsync("#/analyses");
        await ui.Page.Locator(".empty").WaitForAsync();

        await ui.Page.Locator("#video-file").SetInputFilesAsync(video);
        await ui.Page.Locator("#offline").CheckAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Analyze" }).ClickAsync();
        var card = ui.Page.Locator("#analyses article").First;
        await card.Locator(".badge", new() { HasText = "Done" }).WaitForAsync(new() { Timeout = 120_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = "Open report" }).ClickAsync();
        var report = ui.Page.FrameLocator("#report-frame");
        await report.Locator("header h1").WaitForAsync();
        // The report plays the analysed upload through its signed link (report.html's ../video).
        var readyState = await report.Locator("video").EvaluateAsync<int>("v => new Promise(r => v.readyState >= 1 ? r(v.readyState) : v.addEventListener('loadedmetadata', () => r(v.readyState)))");
        var duration = await report.Locator("video").EvaluateAsync<double>("v => v.duration");

        Assert.Contains(Path.GetFileName(video), await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(readyState >= 1);
        Assert.InRange(duration, 3.5, 4.5);
        Assert.Contains("structural report", await report.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(ui.Errors);
    }

    [Fact]
    public async Task A_video_job_is_followed_live_to_the_end_and_plays_in_the_page()
    {
        using var host = StartHost(out var address);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(GatewayHost.AdminKey);
        await ui.GoAsync("#/videos");
        await ui.Page.Locator(".empty").WaitForAsync();

        await ui.Page.Locator("#prompt").FillAsync("a lighthouse at dusk, waves below");
        await ui.Page.Locator("#seconds").FillAsync("2");
        await ui.Page.Locator("#size").FillAsync("160x90");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        var card = ui.Page.Locator("#video-jobs article").First;
        await card.WaitForAsync();
        var first = await card.Locator(".badge").InnerTextAsync();
        await card.Locator(".badge", new() { HasText = "Ready" }).WaitForAsync(new() { Timeout = 120_000 });
        var player = card.Locator("video");
        var readyState = await player.EvaluateAsync<int>("v => new Promise(r => v.readyState >= 1 ? r(v.readyState) : v.addEventListener('loadedmetadata', () => r(v.readyState)))");
        var duration = await player.EvaluateAsync<double>("v => v.duration");

        Assert.Contains(first, new[] { "Queued", "Generating", "Ready" });
        Assert.Contains("a lighthouse at dusk", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(readyState >= 1);
        Assert.InRange(duration, 1.5, 2.5);
        Assert.StartsWith("/ui/files/", await player.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Empty(ui.Errors);
    }

    [Fact]
    public async Task The_spend_chart_draws_a_paid_call_per_day_and_per_model()
    {
        using var host = StartHost(out var address);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-a", ["budget"] = 5, ["period"] = "day" });
        var paid = await host.Client(key).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hello"));
        Assert.True(paid.IsSuccessStatusCode);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(key);
        await ui.GoAsync("#/spend");

        await ui.Page.Locator("#spend-chart svg rect.bar").First.WaitForAsync();
        var days = await ui.Page.Locator("#spend-chart svg rect.bar").CountAsync();
        var total = await ui.Page.Locator(".tile .value").First.InnerTextAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "By model" }).ClickAsync();
        await ui.Page.Locator("#spend-chart svg text.name").First.WaitForAsync();
        var model = await ui.Page.Locator("#spend-chart svg text.name").First.TextContentAsync();

        Assert.Equal(1, days);
        Assert.StartsWith("$", total, StringComparison.Ordinal);
        Assert.NotEqual("$0", total);
        Assert.Contains("sim:primary-model", model, StringComparison.Ordinal);
        Assert.Empty(ui.Errors);
    }

    [Fact]
    public async Task A_batch_submitted_through_the_API_is_followed_to_the_end_with_each_report_and_its_index_linked()
    {
        var first = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Audio = false });
        var second = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2, Audio = false, Source = "smptebars" });
        using var host = StartHost(out var address);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(GatewayHost.AdminKey);
        await ui.GoAsync("#/batches");
        await ui.Page.Locator(".empty").WaitForAsync();

        var id = await UiBatchLinksTests.FinishedBatchAsync(host.Client(), "field recordings", (first, "harbour at dawn.mp4"), (second, "bars.mp4"));
        var card = ui.Page.Locator("#batches article").First;
        await card.Locator(".badge", new() { HasText = "Done" }).WaitForAsync(new() { Timeout = 120_000 });
        var cardText = await card.InnerTextAsync();
        await card.GetByRole(AriaRole.Link, new() { Name = "Videos and reports" }).ClickAsync();
        await ui.Page.Locator("#batch-videos a").Nth(1).WaitForAsync();
        var rows = await ui.Page.Locator("#batch-videos tbody tr").AllInnerTextsAsync();
        var reportHref = await ui.Page.Locator("#batch-videos a").First.GetAttributeAsync("href");
        var indexHref = await ui.Page.Locator("#batch-index").GetAttributeAsync("href");
        var report = await ui.Page.APIRequest.GetAsync(new Uri(address, reportHref).ToString());
        var index = await ui.Page.APIRequest.GetAsync(new Uri(address, indexHref).ToString());

        Assert.Contains("field recordings", cardText, StringComparison.Ordinal);
        Assert.Contains("2 done", cardText, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("harbour at dawn.mp4", StringComparison.Ordinal) && r.Contains("Done", StringComparison.Ordinal));
        Assert.Equal("field recordings", await ui.Page.Locator("main h1").InnerTextAsync());
        Assert.Equal(200, report.Status);
        Assert.Contains("<video", await report.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(200, index.Status);
        Assert.Contains("harbour at dawn.mp4", await index.TextAsync(), StringComparison.Ordinal);
        Assert.EndsWith($"/batch/", new Uri(address, indexHref).AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("batch_", id, StringComparison.Ordinal);
        Assert.Empty(ui.Errors);
    }

    [Fact]
    public async Task The_workers_page_shows_this_process_its_queues_and_the_step_it_is_running()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Captions wait until the page has seen the caption step running.
        browser.Sim.Respond(async (request, cancellationToken) =>
        {
            if (request.Images.Count > 0)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Understanding.SimulatedProviders.Answer(request);
        });
        try
        {
            using var host = StartHost(out var address);
            var created = await host.Client().PostAsJsonAsync("/v1/batches", new { name = "held", every = 1 });
            var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            (await host.Client().PostAsync($"/v1/batches/{id}/videos", Batches.BatchesTests.Upload(video))).EnsureSuccessStatusCode();
            await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
            await ui.SignInAsync(GatewayHost.AdminKey);
            await ui.GoAsync("#/workers");

            var worker = ui.Page.Locator("#workers article").First;
            await worker.Locator(".steps li", new() { HasText = "caption-000" }).WaitForAsync(new() { Timeout = 120_000 });
            var text = await worker.InnerTextAsync();
            var tiles = await ui.Page.Locator("#queue-tiles").InnerTextAsync();
            hold.SetResult();
            await worker.Locator(".idle").WaitForAsync(new() { Timeout = 120_000 });
            await ui.GoAsync("#/batches");
            await ui.Page.Locator("#batches .badge", new() { HasText = "Done" }).WaitForAsync(new() { Timeout = 120_000 });

            Assert.Contains($":{Environment.ProcessId}", text, StringComparison.Ordinal);
            Assert.Contains("API + worker", text, StringComparison.Ordinal);
            Assert.Contains("media", text, StringComparison.Ordinal);
            Assert.Contains("providers", text, StringComparison.Ordinal);
            Assert.Contains("video_", text, StringComparison.Ordinal);
            Assert.StartsWith("batch_", id, StringComparison.Ordinal);
            Assert.Contains("providers queue", tiles, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(ui.Errors);
        }
        finally
        {
            hold.TrySetResult();
            browser.Sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
        }
    }

    [Fact]
    public async Task A_virtual_key_sees_no_workers_link_and_the_page_says_it_is_for_the_admin()
    {
        using var host = StartHost(out var address);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-a" });
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, 1280);
        await ui.SignInAsync(key);

        var linkVisible = await ui.Page.Locator("nav a[data-route=workers]").IsVisibleAsync();
        await ui.Page.EvaluateAsync("() => { location.hash = '#/workers'; }");
        await ui.Page.Locator(".empty h2", new() { HasText = "Admin only" }).WaitForAsync();

        Assert.False(linkVisible);
        Assert.Empty(ui.Errors);
    }

    [Theory]
    [InlineData(390, 844, false)]
    [InlineData(1280, 860, false)]
    [InlineData(1280, 860, true)]
    public async Task Every_page_fits_the_screen_without_errors_and_is_photographed(int width, int height, bool dark)
    {
        using var host = StartHost(out var address);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-a", ["budget"] = 5, ["period"] = "day" });
        await host.Client(key).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hello"));
        await host.Client(key).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("simanthropic:backup-model", "hello"));
        // Something on every page: a finished video job and a finished analysis.
        var (_, job) = await ServerJson.PostAsync(host.Client(), "/v1/videos", new JsonObject { ["prompt"] = "a lighthouse at dusk, waves breaking below", ["seconds"] = "2", ["size"] = "160x90" });
        await UiServingTests.AnalyseAsync(host.Client(), await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Audio = false }));
        var batch = await UiBatchLinksTests.FinishedBatchAsync(host.Client(), "interviews, spring", (await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Audio = false }), "a rather long file name from a phone, 2026-03-14 09.41.22.mp4"));
        for (var i = 0; i < 600 && (string)JsonNode.Parse(await host.Client().GetStringAsync($"/v1/videos/{job["id"]}"))!["status"]! != "completed"; i++)
        {
            await Task.Delay(50);
        }

        Directory.CreateDirectory(GatewayUiBrowser.ShotsFolder);
        await using var ui = await UiPage.OpenAsync(browser.Chromium, address, width, height);
        var suffix = dark ? "-dark" : "";
        if (dark)
        {
            await ui.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        }

        await Shot(ui, $"signin-{width}{suffix}.png");
        await ui.SignInAsync(GatewayHost.AdminKey);

        foreach (var (route, ready) in new[]
        {
            ("#/models", "#leaderboard tbody tr"), ("#/videos", "#video-jobs video"), ("#/analyses", "#analyses .badge"), ("#/batches", "#batches .badge"),
            ($"#/batches/{batch}", "#batch-videos a"), ("#/workers", "#workers article"), ("#/spend", "#spend-chart svg"),
        })
        {
            await ui.GoAsync(route);
            await ui.Page.Locator(ready).First.WaitForAsync();
            if (route == "#/spend")
            {
                await Shot(ui, $"spend-by-day-{width}{suffix}.png");
                await ui.Page.GetByRole(AriaRole.Button, new() { Name = "By key" }).ClickAsync();
                await ui.Page.Locator("#spend-chart svg text.name").First.WaitForAsync();
            }

            Assert.True(await ui.HorizontalOverflowAsync() <= 0, $"{route} is wider than {width} px");
            await Shot(ui, $"{(route.Contains("batch_", StringComparison.Ordinal) ? "batch" : route.TrimStart('#', '/'))}-{width}{suffix}.png");
        }

        var menu = ui.Page.Locator("#menu");
        if (width < 760)
        {
            Assert.False(await ui.Page.Locator("nav a[data-route=videos]").IsVisibleAsync());
            await menu.ClickAsync();
            Assert.Equal("true", await menu.GetAttributeAsync("aria-expanded"));
            await Shot(ui, $"menu-{width}{suffix}.png");
            await ui.Page.Locator("nav a[data-route=videos]").ClickAsync();
            await ui.Page.Locator("main h1", new() { HasText = "Videos" }).WaitForAsync();
            Assert.Equal("false", await menu.GetAttributeAsync("aria-expanded"));
        }
        else
        {
            Assert.False(await menu.IsVisibleAsync());
            Assert.True(await ui.Page.Locator("nav a[data-route=videos]").IsVisibleAsync());
        }

        Assert.Empty(ui.Errors);
    }

    private static async Task Shot(UiPage ui, string name)
    {
        await ui.Page.WaitForTimeoutAsync(250);
        await ui.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(GatewayUiBrowser.ShotsFolder, name), FullPage = true });
    }
}
