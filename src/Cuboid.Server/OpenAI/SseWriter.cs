using System.Text;
using System.Text.Json.Nodes;

namespace Cuboid.Server.OpenAI;

/// <summary>Writes server-sent events, flushing each so the client sees it at once.</summary>
public sealed class SseWriter(Stream body)
{
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public Task DataAsync(JsonNode data, CancellationToken cancellationToken) => WriteAsync($"data: {ChatCompletionJson.Serialize(data)}\n\n", cancellationToken);

    /// <summary>A named event, such as <c>error</c>; its data is also a JSON line any OpenAI stream reader can parse.</summary>
    public Task EventAsync(string name, JsonNode data, CancellationToken cancellationToken) =>
        WriteAsync($"event: {name}\ndata: {ChatCompletionJson.Serialize(data)}\n\n", cancellationToken);

    public async Task DoneAsync(CancellationToken cancellationToken)
    {
        await body.WriteAsync(Done, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
