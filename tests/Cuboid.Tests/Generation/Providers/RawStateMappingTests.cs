using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Generation.Providers;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation.Providers;

/// <summary>
/// Every raw state the reference lists for each host (video-generation-apis.md §2), read by its real adapter from a
/// loopback host's status reply, and the normalised state it becomes. A word the adapter does not know is
/// <c>pending</c>: the job is polled on until the wait deadline, never ended on a guess.
/// </summary>
public sealed class RawStateMappingTests(CannedStatusHost fixture) : IClassFixture<CannedStatusHost>
{
    private const string Video = "https://cdn.test/v.mp4";

    public static TheoryData<string, string, VideoJobState, string> Replies => new()
    {
        { "openrouter", """{"id":"v1","status":"pending"}""", VideoJobState.Pending, "pending" },
        { "openrouter", """{"id":"v1","status":"in_progress"}""", VideoJobState.Running, "in_progress" },
        { "openrouter", """{"id":"v1","status":"completed","unsigned_urls":["https://cdn.test/v.mp4"]}""", VideoJobState.Succeeded, "completed" },
        { "openrouter", """{"id":"v1","status":"completed","unsigned_urls":[]}""", VideoJobState.Failed, "completed" },
        { "openrouter", """{"id":"v1","status":"failed","error":"boom"}""", VideoJobState.Failed, "failed" },
        { "openrouter", """{"id":"v1","status":"cancelled"}""", VideoJobState.Cancelled, "cancelled" },
        { "openrouter", """{"id":"v1","status":"expired"}""", VideoJobState.Expired, "expired" },
        { "openrouter", """{"id":"v1","status":"held_for_review"}""", VideoJobState.Pending, "held_for_review" },
        { "fal", """{"status":"IN_QUEUE","queue_position":3}""", VideoJobState.Queued, "IN_QUEUE" },
        { "fal", """{"status":"IN_PROGRESS"}""", VideoJobState.Running, "IN_PROGRESS" },
        // A completed request is succeeded only when its result (the same reply here) holds a video.
        { "fal", """{"status":"COMPLETED","video":{"url":"https://cdn.test/v.mp4"}}""", VideoJobState.Succeeded, "COMPLETED" },
        { "fal", """{"status":"COMPLETED","error_type":"runner_disconnected"}""", VideoJobState.Failed, "COMPLETED" },
        { "fal", """{"status":"COMPLETED"}""", VideoJobState.Failed, "COMPLETED" },
        { "fal", """{"status":"FAILED"}""", VideoJobState.Failed, "FAILED" },
        { "fal", """{"status":"CANCELED"}""", VideoJobState.Cancelled, "CANCELED" },
        { "fal", """{"status":"CANCELLED"}""", VideoJobState.Cancelled, "CANCELLED" },
        { "fal", """{"status":"WARMING_UP"}""", VideoJobState.Pending, "WARMING_UP" },
        { "replicate", """{"id":"p1","status":"starting"}""", VideoJobState.Queued, "starting" },
        { "replicate", """{"id":"p1","status":"processing"}""", VideoJobState.Running, "processing" },
        { "replicate", """{"id":"p1","status":"succeeded","output":"https://cdn.test/v.mp4"}""", VideoJobState.Succeeded, "succeeded" },
        { "replicate", """{"id":"p1","status":"succeeded","output":null}""", VideoJobState.Failed, "succeeded" },
        { "replicate", """{"id":"p1","status":"failed","error":"boom"}""", VideoJobState.Failed, "failed" },
        { "replicate", """{"id":"p1","status":"canceled"}""", VideoJobState.Cancelled, "canceled" },
        { "replicate", """{"id":"p1","status":"aborted"}""", VideoJobState.Aborted, "aborted" },
        { "replicate", """{"id":"p1","status":"booting"}""", VideoJobState.Pending, "booting" },
        { "veo", """{"name":"models/veo/operations/op1"}""", VideoJobState.Running, "done:false" },
        { "veo", """{"name":"models/veo/operations/op1","done":false}""", VideoJobState.Running, "done:false" },
        { "veo", """{"name":"models/veo/operations/op1","done":true,"error":{"code":3,"message":"bad prompt"}}""", VideoJobState.Failed, "done:error" },
        { "veo", """{"name":"models/veo/operations/op1","done":true,"response":{"generateVideoResponse":{"generatedSamples":[{"video":{"uri":"https://cdn.test/v.mp4"}}]}}}""", VideoJobState.Succeeded, "done" },
        { "veo", """{"name":"models/veo/operations/op1","done":true,"response":{"generateVideoResponse":{"raiMediaFilteredCount":1}}}""", VideoJobState.Failed, "done" },
        { "openai", """{"id":"video_1","status":"queued"}""", VideoJobState.Queued, "queued" },
        { "openai", """{"id":"video_1","status":"in_progress","progress":40}""", VideoJobState.Running, "in_progress" },
        { "openai", """{"id":"video_1","status":"completed","progress":100}""", VideoJobState.Succeeded, "completed" },
        { "openai", """{"id":"video_1","status":"failed","error":{"code":"moderation_blocked","message":"no"}}""", VideoJobState.Failed, "failed" },
        { "openai", """{"id":"video_1","status":"archived"}""", VideoJobState.Pending, "archived" },
        { "runway", """{"id":"t1","status":"PENDING"}""", VideoJobState.Pending, "PENDING" },
        { "runway", """{"id":"t1","status":"THROTTLED"}""", VideoJobState.Throttled, "THROTTLED" },
        { "runway", """{"id":"t1","status":"RUNNING","progress":0.5}""", VideoJobState.Running, "RUNNING" },
        { "runway", """{"id":"t1","status":"SUCCEEDED","output":["https://cdn.test/v.mp4"]}""", VideoJobState.Succeeded, "SUCCEEDED" },
        { "runway", """{"id":"t1","status":"SUCCEEDED","output":[]}""", VideoJobState.Failed, "SUCCEEDED" },
        { "runway", """{"id":"t1","status":"FAILED","failure":"bad input"}""", VideoJobState.Failed, "FAILED" },
        { "runway", """{"id":"t1","status":"CANCELLED"}""", VideoJobState.Cancelled, "CANCELLED" },
        { "runway", """{"id":"t1","status":"PAUSED"}""", VideoJobState.Pending, "PAUSED" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task A_hosts_raw_state_becomes_its_normalised_state(string protocol, string reply, VideoJobState expected, string raw)
    {
        fixture.Host.Reply = JsonNode.Parse(reply)!.AsObject();
        using var http = new HttpClient();
        var endpoint = new ProviderEndpoint(protocol, VideoHostSimulator.ApiKindFor(protocol), new Uri(fixture.Host.ApiUri, "api/"), "test-key");
        using var generator = VideoApiKinds.Create(endpoint, http);

        var status = await generator.GetAsync(protocol == "fal" ? "owner/app/requests/r1" : "job-1");

        Assert.Equal((expected, raw), (status.State, status.RawState));
        Assert.Equal(expected == VideoJobState.Succeeded, status.Outputs.Count > 0);
        Assert.Equal(expected == VideoJobState.Failed, status.Error is not null);
        Assert.All(status.Outputs.Where(o => o.Uri is not null), o => Assert.Equal(Video, o.Uri!.ToString()));
    }
}
