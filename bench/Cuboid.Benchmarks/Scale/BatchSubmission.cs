using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cuboid.Benchmarks.Scale;

/// <summary>A batch through the API as a client sends it: <c>POST /v1/batches</c>, every video uploaded, then polled until each has finished.</summary>
internal static class BatchSubmission
{
    /// <summary>Runs one batch to its end and returns its videos' item ids; throws when any video failed.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient client, IReadOnlyList<string> videos, double every, bool offline, int concurrency)
    {
        using var created = await client.PostAsJsonAsync("/v1/batches", new { name = "bench", every, offline, concurrency });
        created.EnsureSuccessStatusCode();
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var items = new string[videos.Count];
        // A few uploads at once, as `cuboid analyze DIR --server` would keep the API busy.
        await Parallel.ForAsync(0, videos.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            using var form = new MultipartFormDataContent();
            await using var file = File.OpenRead(videos[i]);
            form.Add(new StreamContent(file), "file", Path.GetFileName(videos[i]));
            using var answer = await client.PostAsync($"/v1/batches/{id}/videos", form, cancellationToken);
            if (answer.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"upload {i} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
            }

            items[i] = (string)JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!["id"]!;
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while (true)
        {
            var batch = JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!;
            if ((int)batch["failed"]! > 0)
            {
                throw new InvalidOperationException($"a video failed: {batch.ToJsonString()}");
            }

            if ((int)batch["completed"]! == videos.Count)
            {
                return items;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the batch did not finish: {batch.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }
}
