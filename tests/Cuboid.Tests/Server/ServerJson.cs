using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cuboid.Tests.Server;

/// <summary>Small helpers for talking JSON and SSE to the gateway in tests.</summary>
internal static class ServerJson
{
    public static JsonObject Chat(string model, string question, bool stream = false, bool includeUsage = false)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
            ["max_tokens"] = 100,
        };
        if (stream)
        {
            body["stream"] = true;
        }

        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(HttpClient client, string path, JsonNode body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The SSE events of a body: (event name or null, data).</summary>
    public static List<(string? Event, string Data)> Events(string body)
    {
        var events = new List<(string?, string)>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            string? data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }

            if (data is not null)
            {
                events.Add((name, data));
            }
        }

        return events;
    }

    public static string ErrorCode(JsonObject body) => (string)body["error"]!["code"]!;
}
