using System.Net;
using System.Text;

namespace Cuboid.Benchmarks.Portfolio;

/// <summary>An in-process transport answering every request with the same OpenAI chat completion, so only client-side work is measured.</summary>
internal sealed class CannedChatHandler : HttpMessageHandler
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-bench","object":"chat.completion","created":1764000000,"model":"gpt-4.1-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"A red cube on a table."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":812,"completion_tokens":9,"total_tokens":821}}
        """);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body), RequestMessage = request };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(response);
    }
}
