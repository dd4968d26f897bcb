using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>The simulator itself, spoken to with a bare HttpClient: wire shapes, keys, scripts and the log.</summary>
public sealed class ProviderSimulatorTests
{
    private static HttpRequestMessage OpenAIChat(ProviderSimulator sim, string model, bool stream = false, string? key = ProviderSimulator.DefaultApiKey)
    {
        var body = JsonSerializer.Serialize(new
        {
            model,
            stream,
            stream_options = stream ? new { include_usage = true } : null,
            messages = new object[]
            {
                new { role = "user", content = new object[] { new { type = "text", text = "What is here?" }, new { type = "image_url", image_url = new { url = "data:image/png;base64,iVBORw0K" } } } },
            },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "v1/chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    [Fact]
    public async Task Answers_openai_chat_with_usage_and_parses_images()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        using var http = new HttpClient();
        using var response = await http.SendAsync(OpenAIChat(sim, "m1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Simulated answer from m1", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var call = Assert.Single(sim.Calls);
        Assert.Equal(call.Usage!.InputTokens, doc.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var image = Assert.Single(call.Request.Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(Convert.FromBase64String("iVBORw0K"), image.Data);
    }

    [Fact]
    public async Task Streams_openai_chunks_then_usage_then_done()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        using var http = new HttpClient();
        using var response = await http.SendAsync(OpenAIChat(sim, "m1", stream: true));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"usage\":{\"prompt_tokens\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_are_per_model_and_in_order_and_a_wrong_key_gets_401_without_consuming_them()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Script("a", Fault.RateLimited(TimeSpan.FromSeconds(2)), Fault.ServerError(503));
        using var http = new HttpClient();
        using (var wrongKey = await http.SendAsync(OpenAIChat(sim, "a", key: "sk-wrong")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        using (var other = await http.SendAsync(OpenAIChat(sim, "b")))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using (var first = await http.SendAsync(OpenAIChat(sim, "a")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter?.Delta);
        }
        using (var second = await http.SendAsync(OpenAIChat(sim, "a")))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        using (var third = await http.SendAsync(OpenAIChat(sim, "a")))
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(4, sim.CallCount("a"));
        Assert.Equal(5, sim.CallCount());
    }

    [Fact]
    public async Task Connection_reset_aborts_the_connection()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Script("a", Fault.ConnectionReset);
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(OpenAIChat(sim, "a")));
    }

    [Fact]
    public async Task Anthropic_requires_its_version_header()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUri, "v1/messages"))
        {
            Content = new StringContent("""{"model":"claude","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", ProviderSimulator.DefaultApiKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("anthropic-version", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(sim.Calls);
    }

    [Fact]
    public async Task Fails_only_after_the_scripted_number_of_good_calls_and_logs_concurrent_requests()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Script("a", [.. Fault.Times(5, Fault.Ok), Fault.ServerError(502)]);
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await http.SendAsync(OpenAIChat(sim, "a"));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.BadGateway, HttpStatusCode.OK], statuses);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await http.SendAsync(OpenAIChat(sim, "b"));
            response.EnsureSuccessStatusCode();
        }));
        Assert.Equal(16, sim.CallCount("b"));
        Assert.All(sim.Calls.Where(c => c.Request.Model == "b"), c => Assert.Equal(FaultKind.None, c.Fault.Kind));
    }

    [Fact]
    public async Task Ollama_streams_ndjson_ending_with_done_and_eval_counts()
    {
        await using var sim = await ProviderSimulator.StartAsync(new ProviderSimulatorOptions { ApiKey = null });
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(sim.BaseUri, "api/chat"),
            new StringContent("""{"model":"llava","messages":[{"role":"user","content":"hi","images":["AQID"]}]}""", Encoding.UTF8, "application/json"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.True(last.RootElement.GetProperty("done").GetBoolean());
        var call = Assert.Single(sim.Calls);
        Assert.Equal(call.Usage!.InputTokens, last.RootElement.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(call.Request.Images).Data);
    }

    [Fact]
    public async Task Tracks_how_many_requests_it_handled_at_once()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        var arrived = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sim.Respond(async (r, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == 4)
                release.SetResult();
            await release.Task.WaitAsync(ct);
            return "ok";
        });
        using var http = new HttpClient();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await http.SendAsync(OpenAIChat(sim, "c"));
            response.EnsureSuccessStatusCode();
        }));
        Assert.Equal(4, sim.MaxConcurrentRequests);
        sim.ClearLog();
        Assert.Equal(0, sim.MaxConcurrentRequests);
        Assert.Empty(sim.Calls);
    }

    [Fact]
    public async Task Faults_for_any_model_apply_after_a_models_own_script()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.ScriptAlways(ProviderSimulator.AnyModel, Fault.ServerError(503)).Script("healthy", Fault.Ok);
        using var http = new HttpClient();
        using (var own = await http.SendAsync(OpenAIChat(sim, "healthy")))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var then = await http.SendAsync(OpenAIChat(sim, "healthy")))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, then.StatusCode);
        using (var other = await http.SendAsync(OpenAIChat(sim, "other")))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        sim.ClearScripts();
        using (var cleared = await http.SendAsync(OpenAIChat(sim, "other")))
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }
}
