using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cuboid.Server;
using Cuboid.Server.Security;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;
using Cuboid.Tests.Server.Security;
using Cuboid.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Server.Webhooks;

/// <summary>Outgoing notifications against a real receiver: signed, retried with backoff on 5xx with one event id, continued after a restart, never sent to a refused URL.</summary>
public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-webhook-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<(string Id, string Timestamp, string Signature, string Body)> _received = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private LoopbackWebServer _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LoopbackWebServer.StartAsync(async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _received.Enqueue((context.Request.Headers["webhook-id"]!, context.Request.Headers["webhook-timestamp"]!, context.Request.Headers["webhook-signature"]!, body));
        context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 204;
    });

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private WebhookDispatcher Dispatcher(GatewayStore store) => new(store,
        new WebhookSigner(Options.Create(new WebhookOptions { Secret = Secret }), Options.Create(new ServerOptions { Store = _folder })),
        new SafeHttpFetcher(new OutboundUrlPolicy(Options.Create(new OutboundOptions { AllowHttp = true, AllowedNetworks = ["127.0.0.1/32"] }), new DnsHostResolver()), _time),
        Options.Create(new WebhookOptions { Secret = Secret, FirstRetryDelay = TimeSpan.FromSeconds(10), MaxAttempts = 4 }), _time, NullLogger<WebhookDispatcher>.Instance);

    private WebhookDelivery Due(GatewayStore store) => Assert.Single(store.DueWebhookDeliveries(_time.GetUtcNow(), 10));

    [Fact]
    public async Task A_failing_receiver_gets_the_same_event_again_with_doubling_waits_each_attempt_signed()
    {
        var store = GatewayStore.Open(_folder);
        store.SetWebhookTarget("vid_1", _receiver.Url("hooks").ToString());
        var dispatcher = Dispatcher(store);
        _answers.Enqueue(500);
        _answers.Enqueue(503);

        dispatcher.Notify("vid_1", null, "video.completed", new JsonObject { ["id"] = "vid_1", ["status"] = "completed" });
        var first = await dispatcher.DeliverAsync(Due(store), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        var early = store.DueWebhookDeliveries(_time.GetUtcNow(), 10);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await dispatcher.DeliverAsync(Due(store), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(20));
        var third = await dispatcher.DeliverAsync(Due(store), CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal(("pending", 1, "the target answered 500"), (first.Status, first.Attempts, first.LastError));
        Assert.Equal(("pending", 2), (second.Status, second.Attempts));
        Assert.Equal(second.NextAttemptAt, _time.GetUtcNow());
        Assert.Equal(("delivered", 3), (third.Status, third.Attempts));
        Assert.Equal(3, _received.Count);
        Assert.Single(_received.Select(r => r.Id).Distinct());
        var webhook = new StandardWebhook(Secret);
        foreach (var message in _received)
        {
            webhook.Verify(message.Body, message.Id, message.Timestamp, message.Signature, _time.GetUtcNow(), TimeSpan.FromMinutes(1));
        }

        var body = JsonNode.Parse(_received.First().Body)!;
        Assert.Equal((first.Id, "video.completed", "completed"), ((string)body["id"]!, (string)body["type"]!, (string)body["data"]!["status"]!));
    }

    [Fact]
    public async Task A_delivery_owed_when_the_server_stopped_is_made_by_the_next_one_with_its_event_id()
    {
        var before = GatewayStore.Open(_folder);
        before.SetWebhookTarget("analysis_1", _receiver.Url("hooks").ToString());
        _answers.Enqueue(502);
        var owed = await Dispatcher(before).DeliverAsync(Pending(before), CancellationToken.None);

        var after = GatewayStore.Open(_folder);
        _time.Advance(TimeSpan.FromSeconds(10));
        var delivered = await Dispatcher(after).DeliverAsync(Due(after), CancellationToken.None);

        Assert.Equal("pending", owed.Status);
        Assert.Equal(("delivered", owed.Id), (delivered.Status, delivered.Id));
        Assert.Equal(new[] { owed.Id, owed.Id }, _received.Select(r => r.Id));

        WebhookDelivery Pending(GatewayStore store)
        {
            Dispatcher(store).Notify("analysis_1", null, "analysis.completed", []);
            return Due(store);
        }
    }

    [Fact]
    public async Task A_4xx_or_a_refused_address_ends_the_delivery_and_the_last_attempt_gives_up()
    {
        var store = GatewayStore.Open(_folder);
        var dispatcher = Dispatcher(store);
        store.SetWebhookTarget("vid_4xx", _receiver.Url("gone").ToString());
        store.SetWebhookTarget("vid_meta", "http://169.254.169.254/latest/meta-data/");
        store.SetWebhookTarget("key_1", _receiver.Url("key-default").ToString());
        _answers.Enqueue(410);

        dispatcher.Notify("vid_4xx", null, "video.failed", []);
        var gone = await dispatcher.DeliverAsync(Due(store), CancellationToken.None);
        dispatcher.Notify("vid_meta", null, "video.completed", []);
        var refused = await dispatcher.DeliverAsync(Due(store), CancellationToken.None);
        dispatcher.Notify("vid_none", null, "video.completed", []);
        var untargeted = store.DueWebhookDeliveries(_time.GetUtcNow(), 10);
        dispatcher.Notify("vid_keyed", "key_1", "video.completed", []);
        var keyed = Due(store);

        Assert.Equal(("failed", "the target answered 410"), (gone.Status, gone.LastError));
        Assert.Equal("failed", refused.Status);
        Assert.Contains("link-local", refused.LastError, StringComparison.Ordinal);
        Assert.Empty(untargeted);
        Assert.Equal(_receiver.Url("key-default").ToString(), keyed.Url);
        Assert.Single(_received);
    }
}
