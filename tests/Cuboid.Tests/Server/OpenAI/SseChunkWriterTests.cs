using System.IO.Pipelines;
using System.Text;
using Cuboid.Portfolio;
using Cuboid.Server.OpenAI;

namespace Cuboid.Tests.Server.OpenAI;

/// <summary>
/// The stream's chunks are written straight into the response pipe; the bytes must stay those of the JSON trees the
/// gateway used to build per chunk (property order, <c>"finish_reason":null</c>, the writer's default escaping).
/// </summary>
public sealed class SseChunkWriterTests
{
    [Fact]
    public async Task A_stream_is_written_byte_for_byte_as_before()
    {
        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        using (var sse = new SseWriter(pipe))
        {
            ChatCompletionJson.WriteChunk(sse.StartData(), "chatcmpl-1", 1764892800, "sim:m", "assistant", "Héllo <b>", null);
            sse.EndData();
            ChatCompletionJson.WriteChunk(sse.StartData(), "chatcmpl-1", 1764892800, "sim:m", null, " world", null);
            sse.EndData();
            await sse.FlushAsync(CancellationToken.None);
            ChatCompletionJson.WriteChunk(sse.StartData(), "chatcmpl-1", 1764892800, "sim:m", null, null, "stop");
            sse.EndData();
            ChatCompletionJson.WriteUsageChunk(sse.StartData(), "chatcmpl-1", 1764892800, "sim:m", new UsageRecord { Task = "chat", Provider = "sim", ModelId = "sim:m", InputTokens = 12, OutputTokens = 7 });
            sse.EndData();
            sse.Done();
            await sse.FlushAsync(CancellationToken.None);
        }

        await pipe.CompleteAsync();
        const string Envelope = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764892800,"model":"sim:m","choices":""";
        var expected =
            "data: " + Envelope + """[{"index":0,"delta":{"role":"assistant","content":"H\u00E9llo \u003Cb\u003E"},"finish_reason":null}]}""" + "\n\n"
            + "data: " + Envelope + """[{"index":0,"delta":{"content":" world"},"finish_reason":null}]}""" + "\n\n"
            + "data: " + Envelope + """[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n"
            + "data: " + Envelope + """[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""" + "\n\n"
            + "data: [DONE]\n\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
