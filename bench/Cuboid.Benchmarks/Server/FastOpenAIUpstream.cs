using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// The cheapest OpenAI-compatible upstream Kestrel can be: <c>POST /v1/chat/completions</c> answers a fixed
/// completion, or (<c>"stream":true</c> in the body) four fixed SSE chunks, a usage chunk and <c>[DONE]</c>. The body is
/// only scanned for that flag, so direct calls measure the network and HTTP stack, and gateways add only their own work.
/// </summary>
internal sealed class FastOpenAIUpstream : IAsyncDisposable
{
    public const string Model = "fast-model";

    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-fast","object":"chat.completion","created":1764892800,"model":"fast-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fast upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""");

    private static readonly byte[][] Chunks = [.. new[] { "Hello", " from the", " fast", " upstream." }
        .Select((text, i) => $$"""data: {"id":"chatcmpl-fast","object":"chat.completion.chunk","created":1764892800,"model":"fast-model","choices":[{"index":0,"delta":{{{(i == 0 ? "\"role\":\"assistant\"," : "")}}"content":"{{text}}"},"finish_reason":null}]}""" + "\n\n")
        .Append("""data: {"id":"chatcmpl-fast","object":"chat.completion.chunk","created":1764892800,"model":"fast-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n")
        .Append("""data: {"id":"chatcmpl-fast","object":"chat.completion.chunk","created":1764892800,"model":"fast-model","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""" + "\n\n")
        .Append("data: [DONE]\n\n")
        .Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[] StreamFlag = "\"stream\":true"u8.ToArray();

    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FastOpenAIUpstream> StartAsync()
    {
        var upstream = new FastOpenAIUpstream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync();
        upstream._app = app;
        upstream.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return upstream;
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var stream = body.GetBuffer().AsSpan(0, (int)body.Length).IndexOf(StreamFlag) >= 0;
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Completion.Length;
            await context.Response.Body.WriteAsync(Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var chunk in Chunks)
        {
            await context.Response.Body.WriteAsync(chunk);
            await context.Response.Body.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
