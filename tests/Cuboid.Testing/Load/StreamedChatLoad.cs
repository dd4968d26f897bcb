using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cuboid.Testing.Load;

/// <summary>
/// Fires many streamed chat completions at once at an OpenAI-compatible endpoint, one bearer key each, and reads every
/// stream to its end under one overall deadline, classifying how each ended (<see cref="StreamEnding"/>).
/// </summary>
public static class StreamedChatLoad
{
    public static async Task<IReadOnlyList<StreamOutcome>> RunAsync(HttpClient client, Uri endpoint, IReadOnlyList<string> keys, string model, TimeSpan deadline)
    {
        using var overall = new CancellationTokenSource(deadline);
        using var start = new SemaphoreSlim(0);
        var requests = keys.Select((key, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await OneAsync(client, endpoint, key, model, i, overall.Token);
        })).ToArray();
        start.Release(keys.Count);
        return await Task.WhenAll(requests);
    }

    private static async Task<StreamOutcome> OneAsync(HttpClient client, Uri endpoint, string key, string model, int index, CancellationToken deadline)
    {
        var body = $$$"""{"model":"{{{model}}}","stream":true,"stream_options":{"include_usage":true},"max_tokens":100,"messages":[{"role":"user","content":"load request {{{index}}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var status = 0;
        var text = new StringBuilder();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline);
            status = (int)response.StatusCode;
            var raw = await response.Content.ReadAsStringAsync(deadline);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOutcome(index, StreamEnding.ErrorStatus, status, null, "", 0, 0, false, raw);
            }

            return Classify(index, status, raw);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new StreamOutcome(index, StreamEnding.Hung, status, null, text.ToString(), 0, 0, false, "still open at the deadline");
        }
        catch (HttpRequestException ex)
        {
            // The connection broke under the stream without an error event: as silent as a stop.
            return new StreamOutcome(index, StreamEnding.SilentStop, status, null, text.ToString(), 0, 0, false, ex.Message);
        }
    }

    private static StreamOutcome Classify(int index, int status, string raw)
    {
        string? model = null;
        string? error = null;
        string? finish = null;
        var done = false;
        var usage = (Prompt: 0L, Completion: 0L, Seen: false);
        var text = new StringBuilder();
        foreach (var block in raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n');
            var eventName = lines.FirstOrDefault(l => l.StartsWith("event:", StringComparison.Ordinal))?["event:".Length..].Trim();
            var data = string.Concat(lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()));
            if (eventName == "error")
            {
                error = data;
                continue;
            }

            if (data == "[DONE]")
            {
                done = true;
                continue;
            }

            using var chunk = JsonDocument.Parse(data);
            var root = chunk.RootElement;
            model ??= root.TryGetProperty("model", out var m) ? m.GetString() : null;
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                usage = (u.GetProperty("prompt_tokens").GetInt64(), u.GetProperty("completion_tokens").GetInt64(), true);
            }

            foreach (var choice in root.GetProperty("choices").EnumerateArray())
            {
                if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text.Append(content.GetString());
                }

                if (choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String)
                {
                    finish = f.GetString();
                }
            }
        }

        var ending = error is not null && !done ? StreamEnding.ErrorEvent
            : done && finish is not null && error is null ? StreamEnding.Complete
            : StreamEnding.SilentStop;
        return new StreamOutcome(index, ending, status, model, text.ToString(), usage.Prompt, usage.Completion, usage.Seen, error);
    }
}
