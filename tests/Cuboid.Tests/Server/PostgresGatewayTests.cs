using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Server.Keys;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Postgres;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server;

/// <summary>
/// The gateway end to end on a PostgreSQL store (a fresh database per test): keys, chat with spend, budgets under
/// concurrency across two gateway processes sharing the database, video jobs and analyses, and readiness.
/// </summary>
public sealed class PostgresGatewayTests : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private readonly ProviderSimulator _sim;
    private PostgresTestDatabase _database = null!;

    public PostgresGatewayTests(GatewaySimulatorFixture fixture) => _sim = fixture.Fresh();

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static DateOnly AllTime => KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Keys_are_issued_listed_and_revoked_and_a_chat_books_its_spend_in_postgres()
    {
        using var host = new GatewayHost(_sim, postgres: _database.ConnectionString);
        var (_, body) = await ServerJson.PostAsync(host.Client(), "/admin/keys", new JsonObject { ["name"] = "team-a", ["budget"] = 20, ["period"] = "total" });
        var secret = (string)body["key"]!;
        var id = (string)body["id"]!;

        var chat = await host.Client(secret).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));
        var listed = await host.Client().GetStringAsync("/admin/keys");
        var revoked = await host.Client().DeleteAsync($"/admin/keys/{id}");
        var after = await host.Client(secret).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));
        var ready = await host.Client().GetStringAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Healthy", ready);
        Assert.StartsWith("postgresql://", host.Store.Location, StringComparison.Ordinal);
        Assert.Equal(KeySecrets.Hash(secret), host.Store.Find(id)!.Hash);
        Assert.True(host.Store.SpentIn(id, AllTime) > 0);
        Assert.Equal(0m, host.Store.HeldIn(id, AllTime, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Two_gateways_sharing_the_database_never_overspend_a_key_under_two_hundred_concurrent_calls()
    {
        _sim.Latency = TimeSpan.FromMilliseconds(300);
        // A generous call timeout: on a loaded machine a timed-out call is retried, and the simulator would count it twice.
        using var first = new GatewayHost(_sim, timeoutSeconds: 60, postgres: _database.ConnectionString);
        using var second = new GatewayHost(_sim, timeoutSeconds: 60, postgres: _database.ConnectionString);
        var perCall = first.Models.Plan("chat", null, Cuboid.Portfolio.RequestEstimate.ForChat(
            [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")],
            new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 100 }, first.Models.DefaultOutputTokens)).Candidates.Max(c => c.EstimatedCost);
        var budget = perCall * 10.5m;
        var secret = await KeysTests.CreateKeyAsync(first, new JsonObject { ["budget"] = budget, ["period"] = "total" });
        var (a, b) = (first.Client(secret), second.Client(secret));

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? a : b).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"))));

        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var unexpected = responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PaymentRequired)).ToList();
        Assert.True(unexpected.Count == 0, unexpected.Count == 0 ? "" : $"{unexpected.Count} unexpected answers, the first {(int)unexpected[0].StatusCode}: {await unexpected[0].Content.ReadAsStringAsync()}");
        Assert.InRange(ok, 10, 199);
        Assert.Equal(ok, _sim.Calls.Count);
        var key = second.Store.Keys().Single();
        var spent = second.Store.SpentIn(key.Id, AllTime);
        Assert.True(spent <= budget, $"spent {spent} of {budget}");
        Assert.True(spent > 0);
        Assert.Equal(0m, second.Store.HeldIn(key.Id, AllTime, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_video_job_is_followed_to_its_MP4_and_settles_its_key_in_postgres()
    {
        await using var videoSim = await VideoHostSimulator.StartAsync();
        using var host = new GatewayHost(_sim, videoSim: videoSim, postgres: _database.ConnectionString);
        var secret = await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 5, ["period"] = "total" });
        var client = host.Client(secret);

        var (created, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var finished = await VideosTests.WaitForEndAsync(client, id);
        var mp4 = await client.GetByteArrayAsync($"/v1/videos/{id}/content");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        Assert.NotNull(host.Store.FindVideoJob(id));
        var key = host.Store.Keys().Single();
        var actual = (decimal)finished["cuboid"]!["actual_cost"]!;
        for (var i = 0; i < 100 && host.Store.SpentIn(key.Id, AllTime) == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(actual, host.Store.SpentIn(key.Id, AllTime));
        Assert.Empty(host.Store.UnsettledVideoJobs());
    }

    [Fact]
    public async Task An_uploaded_video_is_analysed_with_its_record_in_postgres()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 6, Audio = false });
        using var host = new GatewayHost(_sim, postgres: _database.ConnectionString);
        var client = host.Client();

        var accepted = await client.PostAsync("/v1/analyses", AnalysesTests.Upload(video, ("offline", "true"), ("every", "2")));
        var id = (string)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["id"]!;
        var done = await AnalysesTests.WaitForEndAsync(client, id);
        var page = await client.GetAsync($"/v1/analyses/{id}/report");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("completed", host.Store.FindAnalysis(id)!.Status);
        Assert.Empty(host.Store.UnfinishedAnalyses());
        Assert.Contains(host.Services.GetRequiredService<IAnalysisCache>().Runs(), r => r.Mode is { Length: > 0 });
    }
}
