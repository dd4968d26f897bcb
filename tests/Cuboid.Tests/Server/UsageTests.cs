using System.Net;
using System.Text.Json.Nodes;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary><c>GET /v1/usage</c>: spend added up per day, model and key; the admin sees every key, a key only itself.</summary>
public sealed class UsageTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private static async Task<JsonObject> UsageAsync(HttpClient client, string query) =>
        JsonNode.Parse(await client.GetStringAsync("/v1/usage?" + query))!.AsObject();

    [Fact]
    public async Task A_paid_call_is_added_up_per_day_model_and_key_and_each_key_sees_only_its_own()
    {
        using var host = new GatewayHost(_sim);
        var payer = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-a", ["budget"] = 5, ["period"] = "total" });
        var idle = await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "team-b" });
        await ServerJson.PostAsync(host.Client(payer), "/v1/chat/completions", ServerJson.Chat("auto", "hello"));
        await ServerJson.PostAsync(host.Client(payer), "/v1/chat/completions", ServerJson.Chat("auto", "again"));
        var store = GatewayStore.Open(host.StoreFolder);
        var spent = store.SpentIn(store.Keys().Single(k => k.Name == "team-a").Id, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow));

        var byDay = await UsageAsync(host.Client(payer), "group=day&days=7");
        var byModel = await UsageAsync(host.Client(payer), "group=model");
        var adminByKey = await UsageAsync(host.Client(), "group=key");
        var idleByKey = await UsageAsync(host.Client(idle), "group=key");

        Assert.True(spent > 0);
        Assert.Equal(7, byDay["data"]!.AsArray().Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("O"), (string)byDay["data"]!.AsArray()[^1]!["key"]!);
        Assert.Equal(spent, (decimal)byDay["data"]!.AsArray()[^1]!["dollars"]!);
        Assert.Equal(spent, (decimal)byDay["total"]!);
        Assert.Equal(2, (int)byDay["calls"]!);
        Assert.Equal("sim:primary-model", (string)byModel["data"]!.AsArray().Single()!["key"]!);
        Assert.Equal("team-a", (string)adminByKey["data"]!.AsArray().Single()!["label"]!);
        Assert.Equal(spent, (decimal)adminByKey["total"]!);
        Assert.True((bool)adminByKey["caller"]!["admin"]!);
        Assert.Empty(idleByKey["data"]!.AsArray());
        Assert.Equal(0m, (decimal)idleByKey["total"]!);
        Assert.Equal("team-a", (string)byDay["caller"]!["name"]!);
        Assert.Equal(spent, (decimal)byDay["caller"]!["spent_this_period"]!);
        Assert.Equal(5m, (decimal)byDay["caller"]!["budget"]!);
    }

    [Theory]
    [InlineData("group=week", "group")]
    [InlineData("days=0", "days")]
    [InlineData("days=400", "days")]
    public async Task A_bad_grouping_or_range_is_one_clear_400(string query, string param)
    {
        using var host = new GatewayHost(_sim);

        var response = await host.Client().GetAsync("/v1/usage?" + query);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (string)body["error"]!["param"]!);
        Assert.DoesNotContain("\n", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_needs_a_key()
    {
        using var host = new GatewayHost(_sim);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync("/v1/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client("cbk-not-a-key").GetAsync("/v1/usage")).StatusCode);
    }
}
