using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Portfolio;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Generation;

/// <summary>
/// A loopback server (127.0.0.1, random port) speaking five video hosts' job protocols, each under its own prefix:
/// the OpenAI Videos shape (<c>/openai/v1</c>), fal's queue (<c>/fal</c>), Replicate predictions (<c>/replicate/v1</c>),
/// Veo's <c>predictLongRunning</c> operations (<c>/veo/v1beta</c>), OpenRouter videos (<c>/openrouter/api/v1</c>) and
/// Runway's tasks (<c>/runway/v1</c>, in <c>VideoHostSimulator.Runway.cs</c>).
/// Jobs move one step per status request (queued, then running, then done after <see cref="PollsToFinish"/> polls),
/// and finished jobs serve real MP4s rendered by <see cref="SimulatedVideoRenderer"/> at the requested size, length and
/// frame rate, from the first frame when one was sent (drifting by one hop), between the first and last frame when both
/// were sent. Faults are scripted per host model (<see cref="Script"/>), and
/// result files are served from <c>/files/</c> without a key, as a CDN would (requests there that carry a key are counted).
/// </summary>
public sealed partial class VideoHostSimulator : IAsyncDisposable
{
    public const string DefaultApiKey = "vk-sim-0123456789abcdef";

    public static readonly IReadOnlyList<string> Protocols = ["openai", "fal", "replicate", "veo", "openrouter", "runway"];

    private readonly Lock _gate = new();
    private readonly FaultScript<VideoFault> _scripts = new(VideoFault.Ok);
    private readonly Dictionary<string, SimulatedVideoJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<(string Protocol, string Model)> _creates = [];
    private HostAndCdn? _server;
    private int _requests;
    private int _keyedFileRequests;
    private int _sequence;

    private VideoHostSimulator(string apiKey) => ApiKey = apiKey;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where result files are served (another port than the APIs, like a CDN).</summary>
    public Uri FilesUri { get; private set; } = null!;

    public string ApiKey { get; }

    /// <summary>Status requests a job needs before it finishes (at least 1).</summary>
    public int PollsToFinish { get; set; } = 2;

    /// <summary>The poll-after hint sent with every status (header <c>openai-poll-after-ms</c> or Retry-After).</summary>
    public TimeSpan PollAfter { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Frame rate when a request does not name one (low, so test videos stay tiny).</summary>
    public int DefaultFramesPerSecond { get; set; } = 8;

    /// <summary>Dollars per second OpenRouter reports as <c>usage.cost</c>.</summary>
    public decimal ReportedPricePerSecond { get; set; } = 0.10m;

    public static async Task<VideoHostSimulator> StartAsync(string apiKey = DefaultApiKey, CancellationToken cancellationToken = default)
    {
        var simulator = new VideoHostSimulator(apiKey);
        simulator._server = await HostAndCdn.StartAsync(simulator.HandleAsync, 64 * 1024 * 1024, cancellationToken);
        simulator.BaseUri = simulator._server.ApiUri;
        simulator.FilesUri = simulator._server.FilesUri;
        return simulator;
    }

    /// <summary>The base URL an adapter for <paramref name="protocol"/> uses (openai, fal, replicate, veo, openrouter).</summary>
    public Uri BaseUrlFor(string protocol) => new(BaseUri, protocol switch
    {
        "openai" => "openai/v1",
        "fal" => "fal",
        "replicate" => "replicate/v1",
        "veo" => "veo/v1beta",
        "openrouter" => "openrouter/api/v1",
        "runway" => "runway/v1",
        _ => throw new ArgumentException($"the simulator does not speak {protocol}", nameof(protocol)),
    });

    /// <summary>An endpoint for the Cuboid adapter of <paramref name="protocol"/> (its apiKind: <c>openai-videos</c>, <c>fal</c>, ...).</summary>
    public ProviderEndpoint Endpoint(string protocol, string? id = null, string? apiKey = null) =>
        new(id ?? protocol, ApiKindFor(protocol), BaseUrlFor(protocol), apiKey ?? ApiKey);

    public static string ApiKindFor(string protocol) => protocol switch
    {
        "openai" => "openai-videos",
        "openrouter" => "openrouter-videos",
        _ => protocol,
    };

    /// <summary>Queues faults for creates of <paramref name="model"/> (the host's model or endpoint id); an empty queue means <see cref="VideoFault.Ok"/>.</summary>
    public VideoHostSimulator Script(string model, params VideoFault[] faults)
    {
        _scripts.Add(model, faults);
        return this;
    }

    /// <summary>Every job made, in creation order.</summary>
    public IReadOnlyList<SimulatedVideoJob> Jobs
    {
        get
        {
            lock (_gate)
            {
                return [.. _jobs.Values.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Create requests received (including refused ones), for one host model or all.</summary>
    public int CreateCount(string? model = null)
    {
        lock (_gate)
        {
            return model is null ? _creates.Count : _creates.Count(c => c.Model == model);
        }
    }

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Requests for result files that carried a key (should stay 0: keys go only to the host's API).</summary>
    public int KeyedFileRequests => Volatile.Read(ref _keyedFileRequests);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        var protocol = segments[0];
        if (protocol == "files")
        {
            await ServeFileAsync(context, segments);
            return;
        }

        if (!Protocols.Contains(protocol))
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = $"no route {path}" });
            return;
        }

        if (!RunwayVersioned(context, protocol))
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "X-Runway-Version header is required" });
            return;
        }

        if (!Authorized(context, protocol))
        {
            await WriteAsync(context, 401, new JsonObject { ["error"] = new JsonObject { ["message"] = "invalid api key" } });
            return;
        }

        var rest = path[(BaseUrlFor(protocol).AbsolutePath.Length - BaseUri.AbsolutePath.Length + 1)..].Trim('/');
        var method = context.Request.Method;
        if (method == "POST" && IsCreate(protocol, rest))
        {
            await CreateAsync(context, protocol, rest);
            return;
        }

        await (protocol switch
        {
            "openai" => OpenAIAsync(context, rest),
            "fal" => FalAsync(context, rest, method),
            "replicate" => ReplicateAsync(context, rest, method),
            "veo" => VeoAsync(context, rest),
            "runway" => RunwayAsync(context, rest, method),
            _ => OpenRouterAsync(context, rest),
        });
    }

    private static bool IsCreate(string protocol, string rest) => protocol switch
    {
        "openai" => rest is "videos" or "videos/extensions",
        "openrouter" => rest == "videos",
        "fal" => !rest.Contains("/requests/", StringComparison.Ordinal),
        "replicate" => rest.StartsWith("models/", StringComparison.Ordinal) && rest.EndsWith("/predictions", StringComparison.Ordinal),
        "veo" => rest.EndsWith(":predictLongRunning", StringComparison.Ordinal),
        "runway" => rest is "image_to_video" or "text_to_video",
        _ => false,
    };

    private bool Authorized(HttpContext context, string protocol)
    {
        var expected = protocol switch
        {
            "fal" => "Key " + ApiKey,
            "veo" => ApiKey,
            _ => "Bearer " + ApiKey,
        };
        var actual = protocol == "veo" ? context.Request.Headers["x-goog-api-key"].ToString() : context.Request.Headers.Authorization.ToString();
        return actual == expected;
    }

    private async Task CreateAsync(HttpContext context, string protocol, string rest)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        var input = protocol switch
        {
            "replicate" => body.GetProperty("input"),
            "veo" => body.GetProperty("instances")[0],
            _ => body,
        };
        var model = protocol switch
        {
            "fal" => rest,
            "replicate" => rest["models/".Length..^"/predictions".Length],
            "veo" => rest["models/".Length..^":predictLongRunning".Length],
            _ => input.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "",
        };
        VideoFault fault;
        lock (_gate)
        {
            _creates.Add((protocol, model));
            fault = _scripts.Next(model);
        }

        switch (fault.Kind)
        {
            case VideoFaultKind.RateLimited:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.Delay!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, 429, new JsonObject { ["error"] = new JsonObject { ["message"] = "rate limit exceeded" } });
                return;
            case VideoFaultKind.ServerError:
                await WriteAsync(context, fault.StatusCode, new JsonObject { ["error"] = new JsonObject { ["message"] = "internal error" } });
                return;
        }

        var parameters = protocol == "veo" && body.TryGetProperty("parameters", out var p) ? p : input;
        var spec = Spec(protocol, input, parameters);
        SimulatedVideoJob? source = null;
        if (SourceReference(protocol, input) is { } reference)
        {
            // An extension: a clip continuing from the last frame of a video this simulator made, at that video's size.
            source = Find(reference);
            if (source is null)
            {
                await WriteAsync(context, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = $"the video to extend ({reference}) does not exist" } });
                return;
            }

            var delivered = source.Delivered;
            spec = spec with { Width = delivered.Width, Height = delivered.Height, FirstFrame = await SimulatedVideoRenderer.LastFrameAsync(delivered), LastFrame = null };
        }

        var job = new SimulatedVideoJob(NewId(protocol, model), protocol, model, Prompt(input), spec, fault, DateTimeOffset.UtcNow) {
            Extends = source?.Id,
            // Where the host would call back: fal's ?fal_webhook=, Replicate's "webhook" beside the input.
            Webhook = protocol switch
            {
                "fal" => context.Request.Query["fal_webhook"].ToString() is { Length: > 0 } falHook ? falHook : null,
                "replicate" => body.TryGetProperty("webhook", out var hook) ? hook.GetString() : null,
                _ => null,
            },
        };
        lock (_gate)
        {
            _jobs[job.Id] = job;
        }

        if (fault.Kind == VideoFaultKind.HangCreate)
        {
            await Task.Delay(fault.Delay!.Value, context.RequestAborted);
        }

        switch (protocol)
        {
            case "openai":
                await WriteAsync(context, 200, OpenAIJob(job, "queued"));
                break;
            case "fal":
                var app = string.Join('/', model.Split('/').Take(2));
                var url = new Uri(BaseUrlFor("fal"), $"fal/{app}/requests/{job.Id}").ToString();
                await WriteAsync(context, 200, new JsonObject
                {
                    ["request_id"] = job.Id, ["status"] = "IN_QUEUE", ["response_url"] = url,
                    ["status_url"] = url + "/status", ["cancel_url"] = url + "/cancel",
                });
                break;
            case "replicate":
                await WriteAsync(context, 201, Prediction(job, "starting"));
                break;
            case "veo":
                await WriteAsync(context, 200, new JsonObject { ["name"] = VeoName(job) });
                break;
            case "runway":
                await WriteAsync(context, 200, new JsonObject { ["id"] = job.Id });
                break;
            default:
                await WriteAsync(context, 202, new JsonObject { ["id"] = job.Id, ["polling_url"] = $"/api/v1/videos/{job.Id}", ["status"] = "pending" });
                break;
        }
    }

    // One step per poll: running until PollsToFinish, then the job's end (failed under FailAfterRunning, cancelled when asked).
    private (string Phase, double Progress) Advance(SimulatedVideoJob job)
    {
        var polls = Interlocked.Increment(ref job.PollCount);
        if (polls < PollsToFinish)
        {
            return ("running", (double)polls / PollsToFinish);
        }

        return job.CancelRequested ? ("cancelled", 1) : job.Fault.Kind == VideoFaultKind.FailAfterRunning ? ("failed", 1) : ("succeeded", 1);
    }

    private async Task OpenAIAsync(HttpContext context, string rest)
    {
        var parts = rest.Split('/');
        if (parts is ["videos", var id] && Find(id) is { } job)
        {
            var (phase, progress) = Advance(job);
            context.Response.Headers["openai-poll-after-ms"] = ((int)PollAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            var word = phase switch { "running" => "in_progress", "succeeded" => "completed", "cancelled" => "failed", var w => w };
            var reply = OpenAIJob(job, word);
            reply["progress"] = (int)(progress * 100);
            await WriteAsync(context, 200, reply);
        }
        else if (parts is ["videos", var contentId, "content"] && Find(contentId) is { } done)
        {
            await ServeVideoAsync(context, done);
        }
        else
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["message"] = "video not found" } });
        }
    }

    private async Task FalAsync(HttpContext context, string rest, string method)
    {
        // Status, result and cancel URLs carry {owner}/{app} only: a client that keeps the endpoint's subpath gets a 404.
        var parts = rest.Split('/');
        if (parts.Length < 4 || parts[2] != "requests" || Find(parts[3]) is not { } job || string.Join('/', job.Model.Split('/').Take(2)) != $"{parts[0]}/{parts[1]}")
        {
            await WriteAsync(context, 404, new JsonObject { ["detail"] = "Request not found" });
            return;
        }

        if (parts.Length == 5 && parts[4] == "cancel" && method == "PUT")
        {
            job.CancelRequested = true;
            await WriteAsync(context, 202, new JsonObject { ["status"] = "CANCELLATION_REQUESTED" });
            return;
        }

        if (parts.Length == 5 && parts[4] == "status")
        {
            var (phase, _) = Advance(job);
            context.Response.Headers.RetryAfter = "0";
            var word = phase switch { "queued" => "IN_QUEUE", "running" => "IN_PROGRESS", "cancelled" => "CANCELED", _ => "COMPLETED" };
            await WriteAsync(context, 200, new JsonObject { ["status"] = word, ["request_id"] = job.Id });
            return;
        }

        if (job.Fault.Kind == VideoFaultKind.FailAfterRunning)
        {
            context.Response.Headers["X-Fal-Error-Type"] = "runner_disconnected";
            await WriteAsync(context, 500, new JsonObject { ["detail"] = "the runner disconnected", ["error_type"] = "runner_disconnected" });
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["video"] = new JsonObject { ["url"] = FileUrl(job), ["content_type"] = "video/mp4" }, ["seed"] = 1 });
    }

    private async Task ReplicateAsync(HttpContext context, string rest, string method)
    {
        var parts = rest.Split('/');
        if (parts is ["predictions"] && method == "GET")
        {
            var list = new JsonArray([.. Jobs.Where(j => j.Protocol == "replicate").Reverse().Select(j => (JsonNode)Prediction(j, j.Polls >= PollsToFinish ? "succeeded" : "starting"))]);
            await WriteAsync(context, 200, new JsonObject { ["results"] = list, ["next"] = null });
            return;
        }

        if (parts.Length >= 2 && parts[0] == "predictions" && Find(parts[1]) is { } job)
        {
            if (parts.Length == 3 && parts[2] == "cancel")
            {
                job.CancelRequested = true;
                await WriteAsync(context, 200, Prediction(job, "canceled"));
                return;
            }

            var (phase, _) = Advance(job);
            var word = phase switch { "queued" => "starting", "running" => "processing", "cancelled" => "canceled", var w => w };
            await WriteAsync(context, 200, Prediction(job, word));
            return;
        }

        await WriteAsync(context, 404, new JsonObject { ["detail"] = "Not found." });
    }

    private async Task VeoAsync(HttpContext context, string rest)
    {
        var id = rest.Split('/').Last();
        if (!rest.Contains("/operations/", StringComparison.Ordinal) || Find(id) is not { } job)
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["code"] = 404, ["message"] = "operation not found" } });
            return;
        }

        var (phase, _) = Advance(job);
        var reply = new JsonObject { ["name"] = VeoName(job) };
        if (phase is "queued" or "running")
        {
            reply["done"] = false;
        }
        else if (phase == "succeeded")
        {
            reply["done"] = true;
            reply["response"] = new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                ["generateVideoResponse"] = new JsonObject { ["generatedSamples"] = new JsonArray(new JsonObject { ["video"] = new JsonObject { ["uri"] = FileUrl(job) } }) },
            };
        }
        else
        {
            reply["done"] = true;
            reply["error"] = new JsonObject { ["code"] = 13, ["message"] = "video generation failed" };
        }

        await WriteAsync(context, 200, reply);
    }

    private async Task OpenRouterAsync(HttpContext context, string rest)
    {
        var parts = rest.Split('/');
        if (parts is ["videos", var id] && Find(id) is { } job)
        {
            var (phase, _) = Advance(job);
            var word = phase switch { "queued" => "pending", "running" => "in_progress", "succeeded" => "completed", var w => w };
            var reply = new JsonObject { ["id"] = job.Id, ["polling_url"] = $"/api/v1/videos/{job.Id}", ["status"] = word };
            if (word == "completed")
            {
                reply["unsigned_urls"] = new JsonArray(new Uri(BaseUrlFor("openrouter"), $"api/v1/videos/{job.Id}/content?index=0").ToString());
                reply["usage"] = new JsonObject { ["cost"] = ReportedPricePerSecond * (decimal)job.Spec.Seconds, ["is_byok"] = false };
            }
            else if (word == "failed")
            {
                reply["error"] = "the upstream provider failed";
            }

            await WriteAsync(context, 200, reply);
        }
        else if (parts is ["videos", var contentId, "content"] && Find(contentId) is { } done)
        {
            await ServeVideoAsync(context, done);
        }
        else
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["code"] = 404, ["message"] = "video not found" } });
        }
    }

    private async Task ServeFileAsync(HttpContext context, string[] segments)
    {
        if (context.Request.Headers.ContainsKey("Authorization") || context.Request.Headers.ContainsKey("x-goog-api-key"))
        {
            Interlocked.Increment(ref _keyedFileRequests);
        }

        if (segments.Length == 3 && Find(segments[1]) is { } job)
        {
            await ServeVideoAsync(context, job);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task ServeVideoAsync(HttpContext context, SimulatedVideoJob job)
    {
        var downloads = Interlocked.Increment(ref job.DownloadCount);
        if (job.Fault.Kind == VideoFaultKind.ExpiredResult || job.Polls < PollsToFinish || job.Fault.Kind == VideoFaultKind.FailAfterRunning)
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["message"] = "the file has expired or does not exist" } });
            return;
        }

        var bytes = await SimulatedVideoRenderer.RenderAsync(job.Delivered);
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        if (job.Fault.Kind == VideoFaultKind.DownloadCut && downloads == 1)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes);
    }

    private SimulatedVideoJob? Find(string id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    private string NewId(string protocol, string model) =>
        $"{protocol}{Interlocked.Increment(ref _sequence):D5}{(uint)model.GetHashCode(StringComparison.Ordinal) % 1000:D3}";

    private static string VeoName(SimulatedVideoJob job) => $"models/{job.Model}/operations/{job.Id}";

    private string FileUrl(SimulatedVideoJob job) => new Uri(FilesUri, $"files/{job.Id}/0.mp4").ToString();

    private JsonObject OpenAIJob(SimulatedVideoJob job, string status) => new()
    {
        ["id"] = job.Id, ["object"] = "video", ["model"] = job.Model, ["status"] = status,
        ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(), ["seconds"] = job.Spec.Seconds.ToString(CultureInfo.InvariantCulture),
        ["size"] = $"{job.Spec.Width}x{job.Spec.Height}",
        ["error"] = status == "failed" ? new JsonObject { ["code"] = "generation_failed", ["message"] = "the video could not be generated" } : null,
    };

    private JsonObject Prediction(SimulatedVideoJob job, string status) => new()
    {
        ["id"] = job.Id, ["model"] = job.Model, ["version"] = "sim", ["status"] = status,
        ["input"] = new JsonObject { ["prompt"] = job.Prompt },
        ["output"] = status == "succeeded" ? FileUrl(job) : null,
        ["error"] = status == "failed" ? "CUDA out of memory" : null,
        ["created_at"] = job.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["urls"] = new JsonObject { ["get"] = new Uri(BaseUrlFor("replicate"), $"replicate/v1/predictions/{job.Id}").ToString() },
    };

    private SimulatedVideoSpec Spec(string protocol, JsonElement input, JsonElement parameters)
    {
        var size = (Str(input, "size") ?? Str(input, "ratio")) is { } s && VideoSize.TryParse(s, out var exact) ? exact
            : (Str(parameters, "resolution") ?? Str(input, "resolution")) is { } resolution
                ? VideoSize.FromResolution(resolution, Str(parameters, "aspectRatio") ?? Str(parameters, "aspect_ratio") ?? "16:9")
                : new VideoSize(160, 90);
        var secondsText = Str(input, "seconds") ?? Str(input, "duration") ?? Str(parameters, "durationSeconds");
        var seconds = double.TryParse(secondsText?.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 2;
        var fps = (int?)(Num(input, "fps") ?? Num(input, "frames_per_second")) ?? DefaultFramesPerSecond;
        var audio = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("generate_audio", out var a) && a.ValueKind == JsonValueKind.True;
        return new SimulatedVideoSpec(size.Width, size.Height, seconds, fps, audio, FirstFrame(protocol, input)) { LastFrame = LastFrame(protocol, input) };
    }

    private static byte[]? FirstFrame(string protocol, JsonElement input)
    {
        if (protocol == "veo")
        {
            return VeoImage(input, "image");
        }

        return DataUri(Str(input, "image_url") ?? Str(input, "start_image_url") ?? Str(input, "first_frame_url") ?? RunwayFirstFrame(input)
            ?? (input.TryGetProperty("input_reference", out var reference) ? Str(reference, "image_url") : null)
            ?? FrameImage(input, "first_frame"));
    }

    // The end frame of a first-and-last-frame request, under each protocol's name for it (reference §9 item 2).
    private static byte[]? LastFrame(string protocol, JsonElement input) => protocol == "veo"
        ? VeoImage(input, "lastFrame")
        : DataUri(Str(input, "end_image_url") ?? Str(input, "last_frame_url") ?? Str(input, "tail_image_url") ?? FrameImage(input, "last_frame"));

    private static byte[]? VeoImage(JsonElement instance, string name) =>
        instance.TryGetProperty(name, out var image) ? Convert.FromBase64String(image.GetProperty("bytesBase64Encoded").GetString()!) : null;

    private static string? FrameImage(JsonElement input, string frameType) =>
        input.TryGetProperty("frame_images", out var frames)
            ? frames.EnumerateArray().Where(f => Str(f, "frame_type") == frameType).Select(f => Str(f.GetProperty("image_url"), "url")).FirstOrDefault()
            : null;

    private static byte[]? DataUri(string? uri) =>
        uri is null || !uri.StartsWith("data:", StringComparison.Ordinal) ? null : Convert.FromBase64String(uri[(uri.IndexOf(',', StringComparison.Ordinal) + 1)..]);

    private static string Prompt(JsonElement input) => Str(input, "prompt") ?? "";

    // The simulator job id of the video a request extends: Veo's video.uri, fal's and Replicate's video_url (file URLs
    // end in files/{id}/0.mp4), the OpenAI Videos shape's video.id.
    private static string? SourceReference(string protocol, JsonElement input)
    {
        var reference = protocol switch
        {
            "veo" => input.TryGetProperty("video", out var video) ? Str(video, "uri") : null,
            "openai" => input.TryGetProperty("video", out var openai) ? Str(openai, "id") : null,
            "fal" or "replicate" => Str(input, "video_url"),
            _ => null,
        };
        if (reference is null || !Uri.TryCreate(reference, UriKind.Absolute, out var url))
        {
            return reference;
        }

        var segments = url.AbsolutePath.Trim('/').Split('/');
        return segments is ["files", var id, _] ? id : reference;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

    private static double? Num(JsonElement e, string name) =>
        double.TryParse(Str(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Task WriteAsync(HttpContext context, int status, JsonObject body) => HostAndCdn.WriteJsonAsync(context, status, body);
}
