using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Portfolio;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Generation;

/// <summary>
/// A loopback server (127.0.0.1, random ports) speaking two image hosts' wire protocols: OpenAI Images
/// (<c>/openai/v1/images/generations</c> JSON and <c>/openai/v1/images/edits</c> multipart, Bearer key, images as
/// <c>b64_json</c>) and fal's queue for image endpoints (<c>/fal/{endpoint}</c>, <c>Key</c> auth, status then result with
/// <c>images[]</c> URLs on a second port that takes no key, as fal's CDN). Every picture is a real PNG of the requested
/// size from <see cref="SimulatedImageRenderer"/>, so a test knows what each pixel must be. Faults are scripted per
/// host model (<see cref="Script"/>): 429 with Retry-After, 5xx, and a content-policy refusal in each host's own shape.
/// </summary>
public sealed class ImageHostSimulator : IAsyncDisposable
{
    public const string DefaultApiKey = "ik-sim-0123456789abcdef";

    private readonly Lock _gate = new();
    private readonly FaultScript<ImageFault> _scripts = new(ImageFault.Ok);
    private readonly Dictionary<string, (SimulatedImageRequest Request, int Polls)> _falJobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly List<SimulatedImageRequest> _requests = [];
    private HostAndCdn? _server;
    private int _sequence;
    private int _keyedFileRequests;

    private ImageHostSimulator(string apiKey) => ApiKey = apiKey;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where fal's result files are served (another port, like a CDN).</summary>
    public Uri FilesUri { get; private set; } = null!;

    public string ApiKey { get; }

    /// <summary>Paints each picture instead of <see cref="SimulatedImageRenderer"/> when set (e.g. a model that keeps to its
    /// reference image, for keyframe-first long videos).</summary>
    public Func<SimulatedImageRequest, byte[]>? Painter { get; set; }

    /// <summary>Status reads a fal request needs before it is COMPLETED (at least 1).</summary>
    public int PollsToFinish { get; set; } = 2;

    public static async Task<ImageHostSimulator> StartAsync(string apiKey = DefaultApiKey, CancellationToken cancellationToken = default)
    {
        var simulator = new ImageHostSimulator(apiKey);
        simulator._server = await HostAndCdn.StartAsync(simulator.HandleAsync, null, cancellationToken);
        simulator.BaseUri = simulator._server.ApiUri;
        simulator.FilesUri = simulator._server.FilesUri;
        return simulator;
    }

    /// <summary>The base URL of a protocol's adapter: <c>openai</c> (includes <c>/v1</c>) or <c>fal</c>.</summary>
    public Uri BaseUrlFor(string protocol) => new(BaseUri, protocol switch
    {
        "openai" => "openai/v1",
        "fal" => "fal",
        _ => throw new ArgumentException($"the image simulator does not speak {protocol}", nameof(protocol)),
    });

    /// <summary>The catalog apiKind of a protocol (<c>openai-images</c>, <c>fal</c>).</summary>
    public static string ApiKindFor(string protocol) => protocol == "openai" ? "openai-images" : protocol;

    public ProviderEndpoint Endpoint(string protocol, string? apiKey = null) => new(protocol, ApiKindFor(protocol), BaseUrlFor(protocol), apiKey ?? ApiKey);

    /// <summary>Queues faults for requests to <paramref name="model"/> (OpenAI model or fal endpoint id); an empty queue means <see cref="ImageFault.Ok"/>.</summary>
    public ImageHostSimulator Script(string model, params ImageFault[] faults)
    {
        _scripts.Add(model, faults);
        return this;
    }

    /// <summary>Every image request received (refused ones too), in order.</summary>
    public IReadOnlyList<SimulatedImageRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int RequestCount(string model)
    {
        lock (_gate)
        {
            return _requests.Count(r => r.Model == model);
        }
    }

    /// <summary>Requests for result files that carried a key (should stay 0).</summary>
    public int KeyedFileRequests => Volatile.Read(ref _keyedFileRequests);

    private byte[] Paint(SimulatedImageRequest request) =>
        Painter?.Invoke(request) ?? SimulatedImageRenderer.Render(request.Prompt, request.Width, request.Height, request.Reference);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").Trim('/');
        if (path.StartsWith("files/", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path);
            return;
        }

        var protocol = path.Split('/')[0];
        var expected = protocol == "fal" ? "Key " + ApiKey : "Bearer " + ApiKey;
        if (protocol is not ("openai" or "fal"))
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = $"no route {path}" });
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            await WriteAsync(context, 401, new JsonObject { ["error"] = new JsonObject { ["message"] = "Incorrect API key provided", ["type"] = "invalid_request_error", ["code"] = "invalid_api_key" } });
            return;
        }

        var rest = path[(protocol.Length + 1)..];
        if (protocol == "openai")
        {
            await OpenAIAsync(context, rest);
        }
        else if (context.Request.Method == "POST")
        {
            await FalSubmitAsync(context, rest);
        }
        else
        {
            await FalReadAsync(context, rest);
        }
    }

    private async Task OpenAIAsync(HttpContext context, string rest)
    {
        SimulatedImageRequest request;
        if (rest == "v1/images/generations" && context.Request.Method == "POST")
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            request = Request("openai", Str(body, "model") ?? "", Str(body, "prompt") ?? "", Str(body, "size"), Str(body, "quality"), Str(body, "n"), null);
        }
        else if (rest == "v1/images/edits" && context.Request.Method == "POST" && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            var file = form.Files.GetFile("image") ?? form.Files.GetFile("image[]");
            using var buffer = new MemoryStream();
            if (file is not null)
            {
                await file.CopyToAsync(buffer);
            }

            request = Request("openai", form["model"].ToString(), form["prompt"].ToString(), form["size"].ToString(), form["quality"].ToString(), form["n"].ToString(), buffer.ToArray());
        }
        else
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["message"] = $"Invalid URL (POST /{rest})", ["type"] = "invalid_request_error" } });
            return;
        }

        switch (request.Fault.Kind)
        {
            case ImageFaultKind.RateLimited:
            case ImageFaultKind.ServerError:
                await RefuseAsync(context, request);
                return;
            case ImageFaultKind.ContentPolicy:
                await WriteAsync(context, 400, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["message"] = "Your request was rejected by the safety system. If you believe this is an error, contact us.",
                        ["type"] = "image_generation_user_error", ["param"] = null, ["code"] = "moderation_blocked",
                    },
                });
                return;
        }

        var data = new JsonArray();
        for (var i = 0; i < request.Count; i++)
        {
            data.Add(new JsonObject { ["b64_json"] = Convert.ToBase64String(Paint(request)) });
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = data,
            ["background"] = "opaque", ["output_format"] = "png", ["quality"] = request.Quality ?? "medium", ["size"] = $"{request.Width}x{request.Height}",
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = 20, ["output_tokens"] = 1056 * request.Count, ["total_tokens"] = 20 + (1056 * request.Count),
                ["input_tokens_details"] = new JsonObject { ["text_tokens"] = 20, ["image_tokens"] = 0 },
            },
        });
    }

    private async Task FalSubmitAsync(HttpContext context, string endpointId)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        var size = body.TryGetProperty("image_size", out var s) && s.ValueKind == JsonValueKind.Object ? $"{Str(s, "width")}x{Str(s, "height")}" : "1024x768";
        var reference = Str(body, "image_url") is { } uri && uri.StartsWith("data:", StringComparison.Ordinal)
            ? Convert.FromBase64String(uri[(uri.IndexOf(',', StringComparison.Ordinal) + 1)..])
            : null;
        var request = Request("fal", endpointId, Str(body, "prompt") ?? "", size, null, Str(body, "num_images"), reference);
        if (request.Fault.Kind is ImageFaultKind.RateLimited or ImageFaultKind.ServerError)
        {
            await RefuseAsync(context, request);
            return;
        }

        var id = $"img{Interlocked.Increment(ref _sequence):D5}";
        lock (_gate)
        {
            _falJobs[id] = (request, 0);
        }

        var app = string.Join('/', endpointId.Split('/').Take(2));
        var url = new Uri(BaseUrlFor("fal"), $"fal/{app}/requests/{id}").ToString();
        await WriteAsync(context, 200, new JsonObject
        {
            ["request_id"] = id, ["status"] = "IN_QUEUE", ["response_url"] = url, ["status_url"] = url + "/status", ["cancel_url"] = url + "/cancel",
        });
    }

    // Status and result URLs carry {owner}/{app} only, as fal's do.
    private async Task FalReadAsync(HttpContext context, string rest)
    {
        var parts = rest.Split('/');
        (SimulatedImageRequest Request, int Polls) job = default;
        var found = parts.Length >= 4 && parts[2] == "requests";
        lock (_gate)
        {
            found = found && _falJobs.TryGetValue(parts[3], out job) && string.Join('/', job.Request.Model.Split('/').Take(2)) == $"{parts[0]}/{parts[1]}";
            if (found && parts.Length == 5 && parts[4] == "status")
            {
                _falJobs[parts[3]] = job = job with { Polls = job.Polls + 1 };
            }
        }

        if (!found)
        {
            await WriteAsync(context, 404, new JsonObject { ["detail"] = "Request not found" });
            return;
        }

        if (parts.Length == 5 && parts[4] == "status")
        {
            var word = job.Polls >= PollsToFinish ? "COMPLETED" : job.Polls == 1 ? "IN_QUEUE" : "IN_PROGRESS";
            context.Response.Headers.RetryAfter = "0";
            await WriteAsync(context, 200, new JsonObject { ["status"] = word, ["request_id"] = parts[3] });
            return;
        }

        if (job.Polls < PollsToFinish)
        {
            await WriteAsync(context, 400, new JsonObject { ["detail"] = "Request is still in progress" });
            return;
        }

        var request = job.Request!;
        var flagged = request.Fault.Kind == ImageFaultKind.ContentPolicy;
        var images = new JsonArray();
        var flags = new JsonArray();
        for (var i = 0; i < request.Count; i++)
        {
            var name = $"{parts[3]}/{i}.png";
            lock (_gate)
            {
                _files[name] = flagged ? SimulatedImageRenderer.Black(request.Width, request.Height) : Paint(request);
            }

            images.Add(new JsonObject { ["url"] = new Uri(FilesUri, $"files/{name}").ToString(), ["width"] = request.Width, ["height"] = request.Height, ["content_type"] = "image/png" });
            flags.Add(flagged);
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["images"] = images, ["seed"] = 42, ["has_nsfw_concepts"] = flags, ["prompt"] = request.Prompt,
            ["timings"] = new JsonObject { ["inference"] = 0.01 },
        });
    }

    private async Task ServeFileAsync(HttpContext context, string path)
    {
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            Interlocked.Increment(ref _keyedFileRequests);
        }

        byte[]? bytes;
        lock (_gate)
        {
            bytes = _files.GetValueOrDefault(path["files/".Length..]);
        }

        if (bytes is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "image/png";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private SimulatedImageRequest Request(string protocol, string model, string prompt, string? size, string? quality, string? count, byte[]? reference)
    {
        var (width, height) = VideoSize.TryParse(size, out var parsed) ? (parsed.Width, parsed.Height) : (1024, 1024);
        ImageFault fault;
        lock (_gate)
        {
            fault = _scripts.Next(model);
            var request = new SimulatedImageRequest(protocol, model, prompt, width, height, string.IsNullOrEmpty(quality) ? null : quality,
                int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1, reference, fault);
            _requests.Add(request);
            return request;
        }
    }

    private async Task RefuseAsync(HttpContext context, SimulatedImageRequest request)
    {
        if (request.Fault.Kind == ImageFaultKind.RateLimited)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(request.Fault.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, 429, new JsonObject { ["error"] = new JsonObject { ["message"] = "Rate limit reached for images per minute", ["type"] = "requests", ["code"] = "rate_limit_exceeded" } });
            return;
        }

        await WriteAsync(context, request.Fault.StatusCode, new JsonObject { ["error"] = new JsonObject { ["message"] = "The server had an error processing your request", ["type"] = "server_error" } });
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

    private static Task WriteAsync(HttpContext context, int status, JsonObject body) => HostAndCdn.WriteJsonAsync(context, status, body);
}
