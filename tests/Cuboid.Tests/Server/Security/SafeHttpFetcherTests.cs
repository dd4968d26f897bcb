using Cuboid.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Server.Security;

/// <summary>The SSRF guard against real connections: internal addresses, DNS rebinding, redirects, schemes, size and time limits.</summary>
public sealed class SafeHttpFetcherTests
{
    private static SafeHttpFetcher Fetcher(OutboundOptions? options = null, IHostResolver? resolver = null, TimeProvider? time = null) =>
        new(new OutboundUrlPolicy(Options.Create(options ?? new OutboundOptions()), resolver ?? new ScriptedResolver()), time ?? TimeProvider.System);

    private static async Task<OutboundUrlException> FetchFailsAsync(SafeHttpFetcher fetcher, string url)
    {
        using var sink = new MemoryStream();
        var failure = await Assert.ThrowsAsync<OutboundUrlException>(() => fetcher.DownloadAsync(new Uri(url), sink, null, CancellationToken.None));
        // A refused address is never connected to; a body cut at its limit may leave a part, which the caller discards.
        Assert.True(!failure.Blocked || sink.Length == 0);
        Assert.True(sink.Length <= fetcher.Policy.Options.MaxResponseBytes);
        return failure;
    }

    [Theory]
    [InlineData("https://10.0.0.1/", "private")]
    [InlineData("https://127.0.0.1/", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[::1]/", "loopback")]
    [InlineData("https://[fd00::1]/", "unique-local")]
    [InlineData("https://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("https://100.64.0.7/", "carrier-grade NAT")]
    [InlineData("https://0.0.0.0/", "unspecified")]
    [InlineData("https://[ff02::1]/", "multicast")]
    [InlineData("https://[fe80::1]/", "link-local")]
    public async Task Internal_addresses_are_refused_when_checked_and_when_connecting(string url, string kind)
    {
        using var fetcher = Fetcher();

        var early = await Assert.ThrowsAsync<OutboundUrlException>(() => fetcher.Policy.CheckAsync(url, CancellationToken.None));
        var connecting = await FetchFailsAsync(fetcher, url);

        Assert.True(early.Blocked);
        Assert.True(connecting.Blocked);
        Assert.Contains($"is a {kind}", early.Message, StringComparison.Ordinal);
        Assert.Contains($"is a {kind}", connecting.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("gopher://127.0.0.1:70/_GET", "gopher")]
    [InlineData("http://example.com/video.mp4", "http")]
    [InlineData("ftp://example.com/video.mp4", "ftp")]
    public async Task Only_https_is_fetched_unless_http_is_configured(string url, string scheme)
    {
        using var fetcher = Fetcher();

        var refused = await Assert.ThrowsAsync<OutboundUrlException>(() => fetcher.Policy.CheckAsync(url, CancellationToken.None));

        Assert.True(refused.Blocked);
        Assert.Equal($"the URL scheme '{scheme}' is not allowed: only https URLs are fetched", refused.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_public_when_checked_and_to_loopback_when_connecting_is_refused_at_connect()
    {
        await using var server = await LoopbackWebServer.StartAsync(context => context.Response.WriteAsync("internal secret"));
        // DNS rebinding: the first answer is public, every later one is the loopback server's.
        var resolver = new ScriptedResolver().Answer("rebind.example", ["93.184.216.34"], ["127.0.0.1"]);
        using var fetcher = Fetcher(new OutboundOptions { AllowHttp = true }, resolver);
        var url = $"http://rebind.example:{server.Port}/admin";

        var checkedUri = await fetcher.Policy.CheckAsync(url, CancellationToken.None);
        var refused = await FetchFailsAsync(fetcher, checkedUri.ToString());

        Assert.True(refused.Blocked);
        Assert.Equal("'rebind.example' resolves to 127.0.0.1, which is a loopback address; the server does not fetch internal addresses", refused.Message);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_server_to_a_private_address_is_refused()
    {
        await using var server = await LoopbackWebServer.StartAsync(context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/hop":
                    context.Response.Redirect("/ok");
                    return Task.CompletedTask;
                case "/ok":
                    return context.Response.WriteAsync("fine");
                default:
                    context.Response.Redirect("http://10.0.0.1/secret");
                    return Task.CompletedTask;
            }
        });
        // Only the test server's own address is allowed, not private networks in general.
        using var fetcher = Fetcher(new OutboundOptions { AllowHttp = true, AllowedNetworks = ["127.0.0.1/32"] });

        var followed = await fetcher.GetBytesAsync(server.Url("hop"), 1024, CancellationToken.None);
        var refused = await FetchFailsAsync(fetcher, server.Url("away").ToString());

        Assert.Equal("fine", System.Text.Encoding.UTF8.GetString(followed));
        Assert.True(refused.Blocked);
        Assert.Equal("10.0.0.1 is a private address; the server does not fetch internal addresses", refused.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_refused_with_or_without_a_content_length(bool announced)
    {
        await using var server = await LoopbackWebServer.StartAsync(async context =>
        {
            var body = new byte[3000];
            if (announced)
            {
                context.Response.ContentLength = body.Length;
            }

            for (var i = 0; i < 3; i++)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(0, 1000));
                await context.Response.Body.FlushAsync();
            }
        });
        using var fetcher = Fetcher(new OutboundOptions { AllowHttp = true, AllowedNetworks = ["127.0.0.1/32"], MaxResponseBytes = 2048 });

        var refused = await FetchFailsAsync(fetcher, server.Url("big").ToString());

        Assert.False(refused.Blocked);
        Assert.Equal("the body from 127.0.0.1 is larger than the limit of 2,048 bytes", refused.Message);
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_time_limit_is_abandoned()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackWebServer.StartAsync(async context =>
        {
            await context.Response.Body.WriteAsync(new byte[100]);
            await context.Response.Body.FlushAsync();
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var fetcher = Fetcher(new OutboundOptions { AllowHttp = true, AllowedNetworks = ["127.0.0.1/32"], Timeout = TimeSpan.FromSeconds(30) }, time: time);
        using var sink = new MemoryStream();

        var fetch = fetcher.DownloadAsync(server.Url("slow"), sink, null, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(31));
        var refused = await Assert.ThrowsAsync<OutboundUrlException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(refused.Blocked);
        Assert.Equal("fetching from 127.0.0.1 took longer than the limit of 30 s", refused.Message);
    }

    [Fact]
    public async Task Configured_private_networks_and_http_are_fetched()
    {
        await using var server = await LoopbackWebServer.StartAsync(context => context.Response.WriteAsync("video bytes"));
        using var fetcher = Fetcher(new OutboundOptions { AllowHttp = true, AllowPrivateNetworks = true });

        var body = await fetcher.GetBytesAsync(server.Url("v.mp4"), 1024, CancellationToken.None);

        Assert.Equal("video bytes", System.Text.Encoding.UTF8.GetString(body));
    }
}
