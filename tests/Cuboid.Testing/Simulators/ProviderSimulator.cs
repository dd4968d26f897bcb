using System.Globalization;
using System.Net;
using System.Text.Json;
using Cuboid.Portfolio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cuboid.Testing.Simulators;

/// <summary>
/// A loopback HTTP server (127.0.0.1, random port) speaking the OpenAI chat-completions and transcription,
/// Anthropic messages and Ollama chat wire protocols, with scripted faults queued per model. A chat request with an
/// <c>input_audio</c> part (Gemini's OpenAI-compatible endpoint) whose reply has <see cref="SimulatedReply.Segments"/>
/// is answered with them as <see cref="SimulatedTranscript.Json"/>, as a model following Cuboid's transcription schema would:
/// <code>
/// await using var sim = await ProviderSimulator.StartAsync();
/// sim.Script("model-a", Fault.RateLimited(TimeSpan.FromSeconds(1)), Fault.Ok);
/// sim.Respond(req => $"saw {req.Images.Count} images");
/// var endpoint = sim.Endpoint("openai");          // a ProviderEndpoint for the adapters
/// </code>
/// Every request is logged (<see cref="Calls"/>) before it is answered. A request with the wrong key gets
/// a 401 without consuming the script; Ollama's native API also accepts no key at all, as a local Ollama does.
/// </summary>
public sealed class ProviderSimulator : IAsyncDisposable
{
    /// <summary>A model name for <see cref="Script"/> and <see cref="ScriptAlways"/> that matches every model (after its own script).</summary>
    public const string AnyModel = "*";

    /// <summary>The key the simulator expects unless told otherwise.</summary>
    public const string DefaultApiKey = "sk-sim-0123456789abcdef";

    private static readonly OpenAIChatResponder OpenAIChat = new();
    private static readonly OpenAITranscriptionResponder OpenAITranscription = new();
    private static readonly AnthropicMessagesResponder AnthropicMessages = new();
    private static readonly OllamaChatResponder OllamaChat = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Fault>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fault> _always = new(StringComparer.Ordinal);
    private readonly List<SimulatedCall> _calls = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ProviderSimulatorOptions _options;
    private WebApplication? _app;
    private Func<SimulatedRequest, CancellationToken, Task<SimulatedReply>> _responder = (request, _) => Task.FromResult(DefaultReply(request));
    private int _sequence;
    private int _inFlight;
    private int _maxInFlight;

    private ProviderSimulator(ProviderSimulatorOptions options)
    {
        _options = options;
        Latency = options.Latency;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The key requests must present, or null when any key is accepted.</summary>
    public string? ApiKey => _options.ApiKey;

    /// <summary>Wait before each normal answer; change it at any time.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Starts a simulator on 127.0.0.1 with a port the OS picks.</summary>
    public static async Task<ProviderSimulator> StartAsync(ProviderSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var simulator = new ProviderSimulator(options ?? new ProviderSimulatorOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 256 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(simulator.HandleAsync);
        await app.StartAsync(cancellationToken);
        simulator._app = app;
        simulator.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>
    /// A <see cref="ProviderEndpoint"/> pointing at this simulator for an adapter's wire protocol:
    /// <c>openai</c> gets <c>{BaseUri}v1</c> (OpenAI-style base URLs include the version), <c>anthropic</c>
    /// and <c>ollama</c> get <see cref="BaseUri"/>. The key defaults to the one the simulator expects.
    /// </summary>
    public ProviderEndpoint Endpoint(string id, string apiKind = "openai", string? apiKey = null) =>
        new(id, apiKind, apiKind == "openai" ? new Uri(BaseUri, "v1") : BaseUri, apiKey ?? ApiKey);

    /// <summary>
    /// Queues faults for <paramref name="model"/> (or <see cref="AnyModel"/>): each request takes the next; an empty
    /// queue answers normally. A model's own queue and standing fault come before those for any model.
    /// </summary>
    public ProviderSimulator Script(string model, params Fault[] faults)
    {
        lock (_gate)
        {
            if (!_scripts.TryGetValue(model, out var queue))
                _scripts[model] = queue = new Queue<Fault>();
            foreach (var fault in faults)
                queue.Enqueue(fault);
        }
        return this;
    }

    /// <summary>Makes every request to <paramref name="model"/> (after its queued script) behave as <paramref name="fault"/>.</summary>
    public ProviderSimulator ScriptAlways(string model, Fault fault)
    {
        lock (_gate)
            _always[model] = fault;
        return this;
    }

    /// <summary>Forgets all scripted faults.</summary>
    public ProviderSimulator ClearScripts()
    {
        lock (_gate)
        {
            _scripts.Clear();
            _always.Clear();
        }
        return this;
    }

    /// <summary>Answers from the request's content (a string converts to a reply). Runs concurrently; keep it thread-safe.</summary>
    public ProviderSimulator Respond(Func<SimulatedRequest, SimulatedReply> responder)
    {
        _responder = (request, _) => Task.FromResult(responder(request));
        return this;
    }

    /// <summary>Answers asynchronously (e.g. holding requests until a test releases them); the token fires when the client goes away.</summary>
    public ProviderSimulator Respond(Func<SimulatedRequest, CancellationToken, Task<SimulatedReply>> responder)
    {
        _responder = responder;
        return this;
    }

    /// <summary>Every request received, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SimulatedCall> Calls
    {
        get
        {
            lock (_gate)
                return _calls.ToArray();
        }
    }

    /// <summary>The parsed requests, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SimulatedRequest> Requests => Calls.Select(c => c.Request).ToArray();

    /// <summary>How many requests arrived, for one model or all.</summary>
    public int CallCount(string? model = null)
    {
        lock (_gate)
            return model is null ? _calls.Count : _calls.Count(c => c.Request.Model == model);
    }

    /// <summary>The most requests it was handling at once since start or <see cref="ClearLog"/> (for bounded-concurrency tests).</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Forgets the logged calls and the concurrency high-water mark.</summary>
    public void ClearLog()
    {
        lock (_gate)
            _calls.Clear();
        Volatile.Write(ref _maxInFlight, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
        _stopping.Dispose();
    }

    private static SimulatedReply DefaultReply(SimulatedRequest request)
    {
        if (request.Protocol == SimulatedProtocol.OpenAITranscription)
            return "This is the simulated transcript. It has two segments.";
        if (request.Audio is { } audio)
            return new SimulatedReply("") { Segments = SimulatedTranscript.SpreadOver("This is the simulated transcript. It has two segments.", SimulatedTranscript.WavSeconds(audio)) };
        var question = request.LastUserText;
        if (question.Length > 80)
            question = question[..80];
        return $"Simulated answer from {request.Model} to: {question}";
    }

    private Fault NextFault(string model)
    {
        lock (_gate)
        {
            if (_scripts.TryGetValue(model, out var queue) && queue.TryDequeue(out var fault))
                return fault;
            if (_always.TryGetValue(model, out var always))
                return always;
            if (_scripts.TryGetValue(AnyModel, out var anyQueue) && anyQueue.TryDequeue(out var anyFault))
                return anyFault;
            return _always.TryGetValue(AnyModel, out var anyAlways) ? anyAlways : Fault.Ok;
        }
    }

    private void Log(SimulatedRequest request, Fault fault, SimulatedUsage? usage)
    {
        if (!_options.LogPayloads)
        {
            request = request with
            {
                RawBody = null,
                Audio = null,
                Messages = [.. request.Messages.Select(m => m with { Images = [.. m.Images.Select(i => i with { Data = null })], Audio = [.. m.Audio.Select(a => a with { Data = null })] })],
            };
        }

        lock (_gate)
            _calls.Add(new SimulatedCall(request, fault, usage, _options.TimeProvider.GetUtcNow()));
    }

    private static ProtocolResponder? ResponderFor(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (!HttpMethods.IsPost(request.Method))
            return null;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
            return OpenAIChat;
        if (path.EndsWith("/audio/transcriptions", StringComparison.Ordinal))
            return OpenAITranscription;
        if (path is "/v1/messages" or "/messages")
            return AnthropicMessages;
        return path == "/api/chat" ? OllamaChat : null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) == max)
                break;
        }
        try
        {
            await HandleRequestAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var responder = ResponderFor(context.Request);
        if (responder is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = new { message = $"Unknown route {context.Request.Method} {context.Request.Path}", type = "invalid_request_error" } });
            return;
        }

        var key = responder.PresentedKey(context.Request);
        SimulatedRequest request;
        try
        {
            request = await responder.ParseAsync(context, key);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            await responder.WriteErrorAsync(context, 400, FaultKind.BadRequest, $"Could not parse the request body: {ex.Message}");
            return;
        }
        if (responder.Protocol == SimulatedProtocol.AnthropicMessages && request.AnthropicVersion is null)
        {
            await responder.WriteErrorAsync(context, 400, FaultKind.BadRequest, "anthropic-version: header is required");
            return;
        }

        // A local Ollama takes no key; one behind an authenticating proxy rejects a wrong one.
        var keyAccepted = _options.ApiKey is null || key == _options.ApiKey || (responder.Protocol == SimulatedProtocol.OllamaChat && key is null);
        var fault = keyAccepted ? NextFault(request.Model) : Fault.Unauthorized;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await ActAsync(context, responder, request, fault, key, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (a deadline test) or the simulator is stopping.
        }
    }

    private async Task ActAsync(HttpContext context, ProtocolResponder responder, SimulatedRequest request, Fault fault, string? key, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.ConnectionReset:
                Log(request, fault, null);
                context.Abort();
                return;
            case FaultKind.StreamError when !request.Stream:
                Log(request, fault, null);
                await responder.WriteErrorAsync(context, 500, FaultKind.ServerError, responder.FaultMessage(FaultKind.ServerError, key, request.Model));
                return;
            case FaultKind.RateLimited:
            case FaultKind.ServerError:
            case FaultKind.Unauthorized:
            case FaultKind.ContextLengthExceeded:
            case FaultKind.BadRequest:
                Log(request, fault, null);
                if (fault.Kind == FaultKind.RateLimited && fault.Delay is { } wait)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfterAsHttpDate
                        ? (_options.TimeProvider.GetUtcNow() + wait).ToString("R", CultureInfo.InvariantCulture)
                        : ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                var message = fault.Message ?? responder.FaultMessage(fault.Kind, key, request.Model);
                await responder.WriteErrorAsync(context, fault.StatusCode, fault.Kind, message);
                return;
        }

        SimulatedReply reply;
        try
        {
            reply = await _responder(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(request, fault, null);
            await responder.WriteErrorAsync(context, 500, FaultKind.ServerError, $"The simulator's responder threw: {ex.Message}");
            return;
        }
        if (request.Protocol == SimulatedProtocol.OpenAIChat && request.Audio is not null && reply.Segments is { } segments)
        {
            // A chat model hearing audio writes its transcript as the JSON it was asked for.
            reply = reply with { Text = SimulatedTranscript.Json(segments) };
        }
        var usage = SimulatedUsage.For(request, reply);
        Log(request, fault, fault.Kind is FaultKind.None or FaultKind.FirstByteAfter or FaultKind.StreamStall ? usage : null);
        var waitsFirst = fault.Kind == FaultKind.FirstByteAfter || (fault.Kind == FaultKind.StreamStall && !request.Stream);
        var delay = Latency + reply.Delay + (waitsFirst ? fault.Delay ?? TimeSpan.Zero : TimeSpan.Zero);
        if (fault.Kind == FaultKind.StreamStall && request.Stream)
            context.Items["stall"] = fault.Delay ?? TimeSpan.Zero;
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, cancellationToken);
        var id = responder.Protocol switch
        {
            SimulatedProtocol.AnthropicMessages => "msg_sim_",
            _ => "chatcmpl-sim-",
        } + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var shape = fault.Kind == FaultKind.FirstByteAfter || waitsFirst ? FaultKind.None : fault.Kind;
        await responder.WriteAnswerAsync(context, request, reply, usage, shape, id);
    }
}
