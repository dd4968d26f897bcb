using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cuboid.Generation.Jobs;
using Cuboid.Server.Webhooks;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Server.Security;
using Cuboid.Webhooks;
using Microsoft.AspNetCore.Http;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Cuboid.Tests.Server.Webhooks;

/// <summary>
/// Webhooks through the gateway: a job's end notified to its <c>webhook_url</c>, signed; a refused URL is a 400; and
/// provider callbacks (Replicate's HMAC, fal's ED25519 by a loopback JWKS) verified before they make the runner poll a job
/// whose poll interval is ten minutes.
/// </summary>
public sealed class GatewayWebhooksTests : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string ReplicateSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private readonly ProviderSimulator _sim;
    private readonly ConcurrentQueue<(Dictionary<string, string> Headers, string Body)> _received = new();
    private readonly Ed25519PrivateKeyParameters _falKey = NewKey();
    private VideoHostSimulator _videoSim = null!;
    private LoopbackWebServer _web = null!;

    public GatewayWebhooksTests(GatewaySimulatorFixture fixture) => _sim = fixture.Fresh();

    public async Task InitializeAsync()
    {
        _videoSim = await VideoHostSimulator.StartAsync();
        _web = await LoopbackWebServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/jwks.json")
            {
                var x = System.Buffers.Text.Base64Url.EncodeToString(_falKey.GeneratePublicKey().GetEncoded());
                await context.Response.WriteAsync($$"""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"{{x}}","kid":"test"}]}""");
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            // Copied: Kestrel reuses a request's header collection once it ends.
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _received.Enqueue((headers, await reader.ReadToEndAsync()));
        });
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _videoSim.DisposeAsync();
    }

    private static Ed25519PrivateKeyParameters NewKey()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        return (Ed25519PrivateKeyParameters)generator.GenerateKeyPair().Private;
    }

    // Polling every ten minutes: a job that ends within seconds was polled because a webhook woke it.
    private GatewayHost Host(bool slowPolling = false)
    {
        var host = new GatewayHost(_sim, videoSim: _videoSim, runnerOptions: slowPolling
            ? new VideoJobRunnerOptions { MinPollInterval = TimeSpan.FromMinutes(10), MaxPollInterval = TimeSpan.FromMinutes(10), MinHintedPollInterval = TimeSpan.FromMinutes(10) }
            : null);
        host.Settings["Cuboid:Outbound:AllowHttp"] = "true";
        host.Settings["Cuboid:Outbound:AllowedNetworks:0"] = "127.0.0.1/32";
        host.Settings["Cuboid:Webhooks:Secret"] = Secret;
        host.Settings["Cuboid:Webhooks:ReplicateSecret"] = ReplicateSecret;
        host.Settings["Cuboid:Webhooks:FalJwksUrl"] = _web.Url("jwks.json").ToString();
        return host;
    }

    private static async Task<JsonObject> CreateVideoAsync(GatewayHost host, JsonObject? extra = null)
    {
        var body = new JsonObject { ["prompt"] = "a kite over the sea", ["seconds"] = "2", ["size"] = "160x90", ["model"] = "test:alpha" };
        foreach (var (name, value) in extra ?? [])
        {
            body[name] = value?.DeepClone();
        }

        var (response, created) = await ServerJson.PostAsync(host.Client(), "/v1/videos", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return created;
    }

    private static async Task<string> StatusWithinAsync(GatewayHost host, string id, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        string status;
        do
        {
            status = (string)JsonNode.Parse(await host.Client().GetStringAsync($"/v1/videos/{id}"))!["status"]!;
            if (status is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < until);
        return status;
    }

    private static VideoJob Job(GatewayHost host, string id) => host.Videos!.Find(id)!;

    [Fact]
    public async Task A_finished_job_is_posted_to_its_webhook_url_signed_with_the_server_secret()
    {
        using var host = Host();
        var created = await CreateVideoAsync(host, new JsonObject { ["webhook_url"] = _web.Url("hooks/video").ToString() });
        var id = (string)created["id"]!;

        Assert.Equal("completed", await StatusWithinAsync(host, id, TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 200 && _received.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        var (headers, body) = Assert.Single(_received);
        new StandardWebhook(Secret).Verify(body, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], DateTimeOffset.UtcNow);
        var message = JsonNode.Parse(body)!;
        Assert.Equal(("video.completed", id, "completed"), ((string)message["type"]!, (string)message["data"]!["id"]!, (string)message["data"]!["status"]!));
        Assert.Equal((string)message["id"]!, headers["webhook-id"]);
        var secret = JsonNode.Parse(await host.Client().GetStringAsync("/admin/webhooks/secret"))!;
        Assert.Equal(Secret, (string)secret["secret"]!);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "url_not_allowed")]
    [InlineData("file:///etc/passwd", "url_not_allowed")]
    [InlineData("http://10.1.2.3/hook", "url_not_allowed")]
    public async Task A_webhook_url_the_guard_refuses_is_a_400_before_any_job_starts(string url, string code)
    {
        using var host = Host();

        var (response, body) = await ServerJson.PostAsync(host.Client(), "/v1/videos",
            new JsonObject { ["prompt"] = "a kite", ["seconds"] = "2", ["size"] = "160x90", ["webhook_url"] = url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, "webhook_url"), (ServerJson.ErrorCode(body), (string?)body["error"]!["param"]));
        Assert.Equal(0, _videoSim.CreateCount());
    }

    [Fact]
    public async Task A_verified_Replicate_webhook_makes_the_runner_poll_the_job_now()
    {
        using var host = Host(slowPolling: true);
        var id = (string)(await CreateVideoAsync(host))["id"]!;
        var job = Job(host, id);
        Assert.Equal("replicate", job.Host);
        Assert.Equal("https://gateway.test/webhooks/replicate", _videoSim.Jobs.Single().Webhook);
        var body = $$"""{"id":"{{job.ProviderJobId}}","status":"succeeded","output":"https://attacker.example/fake.mp4"}""";

        var response = await PostReplicateAsync(host, body, "msg_1", DateTimeOffset.UtcNow, ReplicateSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", await StatusWithinAsync(host, id, TimeSpan.FromSeconds(30)));
        // The state and the file came from the host's own answers, not from the webhook's body.
        Assert.Equal("ftyp", Encoding.ASCII.GetString(File.ReadAllBytes(Job(host, id).Outputs[0].Path), 4, 4));
    }

    [Fact]
    public async Task Replicate_webhooks_tampered_replayed_wrongly_keyed_or_for_no_job_change_nothing()
    {
        using var host = Host(slowPolling: true);
        var id = (string)(await CreateVideoAsync(host))["id"]!;
        var providerId = Job(host, id).ProviderJobId;
        var body = $$"""{"id":"{{providerId}}","status":"succeeded"}""";
        var now = DateTimeOffset.UtcNow;
        var signature = new StandardWebhook(ReplicateSecret).Sign("msg_1", now, body);

        var tampered = await SendAsync(host, "/webhooks/replicate", body.Replace("succeeded", "failed", StringComparison.Ordinal), ("webhook-id", "msg_1"), ("webhook-timestamp", Unix(now)), ("webhook-signature", signature));
        var replayed = await PostReplicateAsync(host, body, "msg_2", now.AddMinutes(-6), ReplicateSecret);
        var wrongKey = await PostReplicateAsync(host, body, "msg_3", now, StandardWebhook.NewSecret());
        var unknown = await PostReplicateAsync(host, """{"id":"no-such-prediction"}""", "msg_4", now, ReplicateSecret);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_signature"), (tampered.StatusCode, await CodeAsync(tampered)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_signature"), (replayed.StatusCode, await CodeAsync(replayed)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_signature"), (wrongKey.StatusCode, await CodeAsync(wrongKey)));
        Assert.Equal((HttpStatusCode.NotFound, "video_not_found"), (unknown.StatusCode, await CodeAsync(unknown)));
        Assert.Contains(await StatusWithinAsync(host, id, TimeSpan.FromSeconds(1)), new[] { "queued", "in_progress" });
    }

    [Fact]
    public async Task A_fal_webhook_signed_by_a_published_key_wakes_the_job_and_others_are_refused()
    {
        using var host = Host(slowPolling: true);
        // The cheaper Replicate route refuses the create, so the job lands on fal.
        _videoSim.Script($"{host.VideoModelPrefix}alpha-rep", VideoFault.ServerError(500));
        var id = (string)(await CreateVideoAsync(host))["id"]!;
        var job = Job(host, id);
        Assert.Equal("fal", job.Host);
        Assert.Equal("https://gateway.test/webhooks/fal", _videoSim.Jobs.Single(j => j.Protocol == "fal").Webhook);
        var requestId = job.ProviderJobId!.Split('/')[^1];
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["request_id"] = requestId, ["status"] = "OK", ["payload"] = new JsonObject() }.ToJsonString());
        var now = DateTimeOffset.UtcNow;

        var wrongKey = await PostFalAsync(host, body, requestId, now, NewKey());
        var replayed = await PostFalAsync(host, body, requestId, now.AddMinutes(-6), _falKey);
        var tampered = await PostFalAsync(host, body, requestId, now, _falKey, tamper: true);
        var unknown = await PostFalAsync(host, Encoding.UTF8.GetBytes("""{"request_id":"nope"}"""), "nope", now, _falKey);
        var stillRunning = await StatusWithinAsync(host, id, TimeSpan.FromMilliseconds(500));
        var valid = await PostFalAsync(host, body, requestId, now, _falKey);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(stillRunning, new[] { "queued", "in_progress" });
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("completed", await StatusWithinAsync(host, id, TimeSpan.FromSeconds(30)));
    }

    private static Task<HttpResponseMessage> PostReplicateAsync(GatewayHost host, string body, string messageId, DateTimeOffset at, string secret) =>
        SendAsync(host, "/webhooks/replicate", body, ("webhook-id", messageId), ("webhook-timestamp", Unix(at)), ("webhook-signature", new StandardWebhook(secret).Sign(messageId, at, body)));

    private static Task<HttpResponseMessage> PostFalAsync(GatewayHost host, byte[] body, string requestId, DateTimeOffset at, Ed25519PrivateKeyParameters key, bool tamper = false)
    {
        var timestamp = Unix(at);
        var message = Encoding.UTF8.GetBytes($"{requestId}\nuser-1\n{timestamp}\n{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))}");
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = Convert.ToHexStringLower(signer.GenerateSignature());
        var sent = tamper ? Encoding.UTF8.GetString(body).Replace("OK", "ERROR", StringComparison.Ordinal) : Encoding.UTF8.GetString(body);
        return SendAsync(host, "/webhooks/fal", sent, (FalWebhookVerifier.RequestIdHeader, requestId), (FalWebhookVerifier.UserIdHeader, "user-1"),
            (FalWebhookVerifier.TimestampHeader, timestamp), (FalWebhookVerifier.SignatureHeader, signature));
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayHost host, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // No gateway key: hosts have none.
        return await host.Client(key: null).SendAsync(request);
    }

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static async Task<string> CodeAsync(HttpResponseMessage response) => (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!;
}
