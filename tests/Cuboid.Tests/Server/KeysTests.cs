using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>Virtual keys: issued by the admin key, stored hashed, revocable, held to budgets, models and rates.</summary>
public sealed class KeysTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    /// <summary>Issues a key through the admin API and returns its secret.</summary>
    internal static async Task<string> CreateKeyAsync(GatewayHost host, JsonObject spec)
    {
        var (response, body) = await ServerJson.PostAsync(host.Client(), "/admin/keys", spec);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)body["key"]!;
    }

    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_its_hash_and_works_until_revoked()
    {
        using var host = new GatewayHost(_sim);
        var (created, body) = await ServerJson.PostAsync(host.Client(), "/admin/keys", new JsonObject { ["name"] = "team-a", ["budget"] = 20, ["period"] = "month" });
        var secret = (string)body["key"]!;
        var id = (string)body["id"]!;

        var listed = await host.Client().GetStringAsync("/admin/keys");
        var before = await host.Client(secret).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));
        var revoked = await host.Client().DeleteAsync($"/admin/keys/{id}");
        var after = await host.Client(secret).PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(KeySecrets.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, StoreText(host), StringComparison.Ordinal);
        Assert.Contains(KeySecrets.Hash(secret), StoreText(host), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>Every byte of the store's files (database, WAL) as text; the empty lock file a running gateway holds is not readable.</summary>
    private static string StoreText(GatewayHost host) => string.Concat(Directory.GetFiles(host.StoreFolder)
        .Where(path => Path.GetFileName(path) != Cuboid.Server.Store.SqliteServeLock.FileName).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return reader.ReadToEnd();
    }));

    [Fact]
    public async Task The_admin_API_refuses_a_virtual_key()
    {
        using var host = new GatewayHost(_sim);
        var secret = await CreateKeyAsync(host, []);

        var response = await host.Client(secret).PostAsJsonAsync("/admin/keys", new JsonObject());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_key_spec_is_one_clear_400()
    {
        using var host = new GatewayHost(_sim);

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/admin/keys", new JsonObject { ["period"] = "fortnight" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fortnight", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_on_a_key_with_room_for_ten_never_overspend_it()
    {
        _sim.Latency = TimeSpan.FromMilliseconds(300);
        using var host = new GatewayHost(_sim);
        // What one call reserves: the dearest candidate's estimate for this very request.
        var perCall = host.Models.Plan("chat", null, EstimateOf(host)).Candidates.Max(c => c.EstimatedCost);
        var budget = perCall * 10.5m;
        var secret = await CreateKeyAsync(host, new JsonObject { ["budget"] = budget, ["period"] = "total" });
        var client = host.Client(secret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"))));

        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PaymentRequired }));
        Assert.InRange(ok, 10, 199);
        Assert.Equal(ok, _sim.Calls.Count);
        var store = GatewayStore.Open(host.StoreFolder);
        var key = store.Keys().Single();
        var spent = store.SpentIn(key.Id, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow));
        Assert.True(spent <= budget, $"spent {spent} of {budget}");
        Assert.True(spent > 0);
    }

    private static Cuboid.Portfolio.RequestEstimate EstimateOf(GatewayHost host) =>
        Cuboid.Portfolio.RequestEstimate.ForChat([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")],
            new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 100 }, host.Models.DefaultOutputTokens);

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_Retry_After()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client(await CreateKeyAsync(host, new JsonObject { ["rpm"] = 2 }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/v1/chat/completions", ServerJson.Chat("auto", "hi"));
            statuses.Add(response.StatusCode);
            if (i == 2)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                Assert.Contains("rate_limit_exceeded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_key_limited_to_models_is_pinned_to_them_and_refused_others()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client(await CreateKeyAsync(host, new JsonObject { ["models"] = new JsonArray("simanthropic:backup-model") }));

        var (routed, body) = await ServerJson.PostAsync(client, "/v1/chat/completions", ServerJson.Chat("auto", "hi"));
        var (pinned, _) = await ServerJson.PostAsync(client, "/v1/chat/completions", ServerJson.Chat("sim:primary-model", "hi"));
        var models = JsonNode.Parse(await client.GetStringAsync("/v1/models"))!["data"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal("simanthropic:backup-model", (string)body["model"]!);
        Assert.Equal(HttpStatusCode.Forbidden, pinned.StatusCode);
        Assert.Equal(["simanthropic:backup-model"], models.Select(m => (string)m!["id"]!));
    }

    [Fact]
    public async Task A_key_limited_to_tasks_cannot_use_others()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client(await CreateKeyAsync(host, new JsonObject { ["tasks"] = new JsonArray("transcribe") }));

        var (response, body) = await ServerJson.PostAsync(client, "/v1/chat/completions", ServerJson.Chat("auto", "hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("model", (string)body["error"]!["param"]!);
    }
}
