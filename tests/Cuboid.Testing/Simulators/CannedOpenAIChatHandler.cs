using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cuboid.Testing.Simulators;

/// <summary>
/// An in-process <see cref="HttpMessageHandler"/> that answers every OpenAI chat-completions request with the
/// same small completion (with usage), plain or streamed, without a socket. For benchmarks that compare two
/// client stacks over an identical transport: pass it as <c>ProviderAdapterOptions.Handler</c>.
/// </summary>
public sealed class CannedOpenAIChatHandler : HttpMessageHandler
{
    private static readonly byte[] Plain = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-canned","object":"chat.completion","created":1763000000,"model":"canned","choices":[{"index":0,"message":{"role":"assistant","content":"A canned answer."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}""");

    private static readonly byte[] Streamed = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-canned\",\"object\":\"chat.completion.chunk\",\"created\":1763000000,\"model\":\"canned\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A canned answer.\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"chatcmpl-canned\",\"object\":\"chat.completion.chunk\",\"created\":1763000000,\"model\":\"canned\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"id\":\"chatcmpl-canned\",\"object\":\"chat.completion.chunk\",\"created\":1763000000,\"model\":\"canned\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}\n\n"
        + "data: [DONE]\n\n");

    private int _requests;

    /// <summary>How many requests it answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        // Stream only when asked; the body is small, so a substring check is enough here.
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var stream = body.Contains("\"stream\":true", StringComparison.Ordinal);
        var content = new ByteArrayContent(stream ? Streamed : Plain);
        content.Headers.ContentType = new MediaTypeHeaderValue(stream ? "text/event-stream" : "application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
