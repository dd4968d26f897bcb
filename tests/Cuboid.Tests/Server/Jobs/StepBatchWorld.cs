using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Tests.Server.Batches;
using Cuboid.Tests.Understanding;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// A batch of short, distinct videos for <c>cuboid serve</c> processes, against the provider simulator, counted the way
/// the scale-out tests judge it: every answer the simulator gave (a call whose worker died before its answer arrived is
/// counted apart, as abandoned), and after the batch: every report complete and made of the simulator's answers, every
/// step's cost booked on the key once, no answer asked for twice.
/// </summary>
internal sealed class StepBatchWorld : IAsyncDisposable
{
    public const string AdminKey = "cbk-admin-cluster-0123456789";

    /// <summary>How long before a <c>kill -9</c> an answer may have arrived without reaching the dead worker's cache.</summary>
    private const int InFlightSeconds = 5;

    private readonly ConcurrentBag<(string Key, long At)> _answered = [];
    private long _killedAt; // Stopwatch timestamp; 0 while nothing was killed.
    private readonly ConcurrentDictionary<string, byte> _answers = new(StringComparer.Ordinal);
    private int _abandoned;
    private string _key = "";

    private StepBatchWorld(SimulatedProviders providers, IReadOnlyList<string> videos)
    {
        Providers = providers;
        Videos = videos;
    }

    public SimulatedProviders Providers { get; }

    public IReadOnlyList<string> Videos { get; }

    /// <summary>The store folder the processes share.</summary>
    public string Store => Path.Combine(Providers.Folder, "store");

    /// <summary>The environment every process gets: the provider key, the admin key and quick polling of the queue.</summary>
    public Dictionary<string, string> Environment { get; } = new()
    {
        [SimulatedProviders.KeyVariable] = ProviderSimulator.DefaultApiKey,
        ["CUBOID_ADMIN_KEY"] = AdminKey,
        ["Cuboid__PollMilliseconds"] = "100",
    };

    public static async Task<StepBatchWorld> StartAsync(int count)
    {
        var providers = await SimulatedProviders.StartAsync();
        var videos = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Each video its own pictures and sound (length and size), so no two share a cached answer; short and small.
            videos.Add(await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2 + (0.025 * i), Width = 160 + (4 * i), Height = 90 }));
        }

        var world = new StepBatchWorld(providers, videos);
        providers.Simulator.Respond(world.AnswerAsync);
        return world;
    }

    /// <summary>Opens a batch on a new key at <paramref name="api"/> and adds every video; the admin client, the key's client and the batch id.</summary>
    public async Task<(HttpClient Admin, HttpClient Keyed, string BatchId)> SubmitAsync(Uri api)
    {
        var admin = Client(api, AdminKey);
        var issued = JsonNode.Parse(await (await admin.PostAsJsonAsync("/admin/keys", new { name = "batch" })).Content.ReadAsStringAsync())!;
        _key = (string)issued["key"]!;
        var keyed = Client(api, _key);
        var created = await keyed.PostAsJsonAsync("/v1/batches", new { name = "steps", every = 1 });
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        foreach (var video in Videos)
        {
            (await keyed.PostAsync($"/v1/batches/{id}/videos", BatchesTests.Upload(video))).EnsureSuccessStatusCode();
        }

        return (admin, keyed, id);
    }

    /// <summary>The admin's and the batch key's clients for another process (a restarted one).</summary>
    public (HttpClient Admin, HttpClient Keyed) ClientsFor(Uri api) => (Client(api, AdminKey), Client(api, _key));

    /// <summary>Waits until at least <paramref name="completed"/> videos are done.</summary>
    public static async Task WaitForCompletedAsync(HttpClient client, string id, int completed, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && (int)JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!["completed"]! < completed)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>The finished batch, or null when it did not finish in <paramref name="timeout"/>.</summary>
    public async Task<JsonObject?> WaitForBatchAsync(HttpClient client, string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var batch = JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!.AsObject();
                if ((int)batch["total"]! == Videos.Count && (string)batch["status"]! == "finished")
                {
                    return batch;
                }
            }
            catch (HttpRequestException)
            {
                // The process is restarting.
            }

            await Task.Delay(250);
        }

        return null;
    }

    /// <summary>Notes the moment a process was killed: answers delivered just before it may be asked for again.</summary>
    public void MarkKilled() => Interlocked.Exchange(ref _killedAt, Stopwatch.GetTimestamp());

    /// <summary>Every video completed with a report made of the simulator's answers, every cost booked once, no answer asked twice.</summary>
    public async Task AssertExactAsync(HttpClient admin, HttpClient keyed, JsonObject done)
    {
        var reports = new List<(JsonNode Video, JsonNode Report)>();
        foreach (var video in done["videos"]!.AsArray())
        {
            reports.Add((video!, JsonNode.Parse(await admin.GetStringAsync($"/v1/batches/{done["id"]}/videos/{video!["id"]}/report.json"))!));
        }

        var usage = JsonNode.Parse(await keyed.GetStringAsync("/v1/usage"))!;
        // An answer that arrived in the last moments before a kill -9 may never have reached the dead worker's cache:
        // asking for it again is the one repeat a crash can force. Any other repeat means a step re-asked for what it had.
        var killedAt = Interlocked.Read(ref _killedAt);
        var repeated = _answered.GroupBy(a => a.Key, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Where(g => killedAt == 0 || g.Min(a => a.At) < killedAt - (Stopwatch.Frequency * InFlightSeconds))
            .Select(g => $"{g.Key[..20]} x{g.Count()}").ToList();
        Assert.True((int)done["completed"]! == Videos.Count, done.ToJsonString());
        Assert.All(reports, r => Assert.Equal((string)r.Video["name"]!, Path.GetFileName((string)r.Report["source"]!)));
        Assert.All(reports, r => Assert.NotEmpty(r.Report["samples"]!.AsArray()));
        Assert.All(reports, r => Assert.All(r.Report["samples"]!.AsArray(), s => Assert.Contains((string)s!["caption"]!, _answers.Keys)));
        Assert.All(reports, r => Assert.NotEmpty(r.Report["transcript"]!.AsArray()));
        Assert.All(reports, r => Assert.NotNull(r.Report["summary"]));
        // Every step's cost booked on the key once: what the key spent is what the batch's step rows add up to.
        Assert.True((decimal)done["dollars"]! > 0);
        Assert.Equal((decimal)done["dollars"]!, (decimal)usage["total"]!);
        // No answer asked for twice: each was cached as it arrived, so a step run again asked only for what it lacked.
        Assert.True(repeated.Count == 0, $"answered twice, first long before any kill: {string.Join(", ", repeated)} ({Volatile.Read(ref _abandoned)} calls abandoned mid-flight)");
    }

    public async ValueTask DisposeAsync() => await Providers.DisposeAsync();

    private static HttpClient Client(Uri api, string key)
    {
        var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<SimulatedReply> AnswerAsync(SimulatedRequest request, CancellationToken cancellationToken)
    {
        // What the call asked about (the frame, the audio, the timeline). The latency is waited here, so a call whose
        // worker died before its answer arrived is not counted as answered.
        var payload = request.Images.Count > 0 ? request.Images[0].Data! : request.Audio ?? System.Text.Encoding.UTF8.GetBytes(request.LastUserText);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abandoned);
            throw;
        }

        var reply = SimulatedProviders.Answer(request);
        _answered.Add(($"{request.Protocol}:{Convert.ToHexString(SHA256.HashData(payload))}", Stopwatch.GetTimestamp()));
        _answers.TryAdd(reply.Text, 0);
        return reply;
    }
}
