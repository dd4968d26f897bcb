using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Telemetry;

namespace Cuboid.Tests.Server.Telemetry;

/// <summary>
/// The gateway's telemetry leaves the process: the Prometheus scrape endpoint shows the library's counters after a
/// chat call, and spans reach a loopback OTLP/HTTP collector.
/// </summary>
public sealed partial class TelemetryExportTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    /// <summary>A gateway with <c>Cuboid:Telemetry:<paramref name="setting"/></c> set (none when null).</summary>
    private GatewayHost Host(string? setting = null, string? value = null)
    {
        var host = new GatewayHost(_sim);
        if (setting is not null)
        {
            host.Settings[$"Cuboid:Telemetry:{setting}"] = value;
        }

        return host;
    }

    [Fact]
    public async Task After_a_chat_call_metrics_shows_calls_tokens_and_dollars_in_the_Prometheus_text_format()
    {
        using var host = Host("Metrics", "admin");
        var client = host.Client();

        var (response, body) = await ServerJson.PostAsync(client, "/v1/chat/completions", ServerJson.Chat("auto", "count me"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = await client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE cuboid_calls_total counter", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "cuboid_calls_total", "primary-model") >= 1, text);
        var outputTokens = (long)body["usage"]!["completion_tokens"]!;
        Assert.True(Sample(text, "cuboid_tokens_total", "primary-model", "gen_ai_token_type=\"output\"") >= outputTokens, text);
        Assert.True(Sample(text, "cuboid_dollars_USD_total", "primary-model") > 0, text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_behind_the_admin_key_refuses_other_callers()
    {
        using var host = Host("Metrics", "admin");

        var anonymous = await host.Client(key: null).GetAsync("/metrics");
        var wrongKey = await host.Client(key: "cbk-not-the-admin").GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Contains("invalid_api_key", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_metrics_need_no_key_and_off_serves_none()
    {
        using var open = Host("Metrics", "open");
        using var off = Host();

        Assert.Equal(HttpStatusCode.OK, (await open.Client(key: null).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await off.Client().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_spans_of_a_chat_call_reach_the_collector()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var host = Host("Otlp", collector.BaseUri.ToString());
        try
        {
            var response = await host.Client().PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "trace me"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            // Disposing the host flushes the batch exporters.
            host.Dispose();
        }

        // The exporters' last batch may still be on its way when a loaded machine lets dispose return: wait for it.
        for (var i = 0; i < 200 && !(collector.SpanNames.Contains("route chat") && collector.Posts("/v1/metrics") >= 1); i++)
        {
            await Task.Delay(50);
        }

        var names = collector.SpanNames;
        Assert.Contains("route chat", names);
        Assert.Contains("chat sim:primary-model", names);
        Assert.Contains(names, n => n.StartsWith("POST", StringComparison.Ordinal));
        Assert.True(collector.Posts("/v1/metrics") >= 1);
    }

    /// <summary>The sum of a metric's samples whose labels mention every one of <paramref name="labels"/>.</summary>
    private static double Sample(string text, string metric, params string[] labels) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == metric && labels.All(m.Groups["labels"].Value.Contains))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
