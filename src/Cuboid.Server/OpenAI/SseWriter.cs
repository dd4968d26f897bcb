using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// Writes server-sent events straight into the response's pipe (the JSON serialised in place, no intermediate string).
/// Nothing is sent until <see cref="FlushAsync"/>: the caller flushes before it waits for more, so updates already in
/// hand leave in one write and the client still sees each one as soon as the gateway has it.
/// </summary>
public sealed class SseWriter(PipeWriter body) : IDisposable
{
    // One JSON writer for the whole stream, reset per event (a writer per chunk was an allocation per update).
    private readonly Utf8JsonWriter _json = new(body);

    public void Data(JsonNode data)
    {
        body.Write("data: "u8);
        WriteJson(data);
    }

    /// <summary>
    /// Starts a <c>data:</c> event and hands out the JSON writer for its one value; <see cref="EndData"/> ends the event.
    /// </summary>
    public Utf8JsonWriter StartData()
    {
        body.Write("data: "u8);
        _json.Reset(body);
        return _json;
    }

    public void EndData()
    {
        _json.Flush();
        body.Write("\n\n"u8);
    }

    /// <summary>A named event, such as <c>error</c>; its data is also a JSON line any OpenAI stream reader can parse.</summary>
    public void Event(string name, JsonNode data)
    {
        body.Write("event: "u8);
        body.Write(System.Text.Encoding.UTF8.GetBytes(name));
        body.Write("\ndata: "u8);
        WriteJson(data);
    }

    public void Done() => body.Write("data: [DONE]\n\n"u8);

    public async Task FlushAsync(CancellationToken cancellationToken) => await body.FlushAsync(cancellationToken);

    public void Dispose() => _json.Dispose();

    private void WriteJson(JsonNode data)
    {
        _json.Reset(body);
        data.WriteTo(_json);
        EndData();
    }
}
