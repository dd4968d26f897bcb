using System.Net;
using System.Net.Sockets;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio.Providers;

/// <summary>
/// What every chat adapter must do against the simulator speaking its protocol: answer plain and streamed
/// with usage, deliver images, and turn every fault into the right <see cref="ProviderCallException"/>
/// after exactly one request (no SDK retries).
/// </summary>
public abstract class ProviderAdapterContract(ProviderSimulatorFixture fixture)
{
    // PNG signature plus a few bytes: enough to check the bytes arrive unchanged.
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    protected ProviderSimulator Sim => fixture.Sim;

    protected abstract string ApiKind { get; }

    private protected abstract IProviderAdapter CreateAdapter(ProviderAdapterOptions options);

    protected static string NewModel() => "model-" + Guid.NewGuid().ToString("N")[..8];

    private protected IChatClient Client(string model, ProviderAdapterOptions? options = null, string? key = null) =>
        CreateAdapter(options ?? new ProviderAdapterOptions { TimeProvider = fixture.Time })
            .CreateChatClient(Sim.Endpoint("sim-" + ApiKind, ApiKind, key), model);

    protected static async Task<ChatResponse> AskAsync(IChatClient client, bool stream, string question = "What is in the picture?", CancellationToken cancellationToken = default)
    {
        List<ChatMessage> messages = [new(ChatRole.System, "Answer briefly."), new(ChatRole.User, question)];
        if (!stream)
            return await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken))
            updates.Add(update);
        return updates.ToChatResponse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Answers_with_the_providers_usage(bool stream)
    {
        var model = NewModel();
        var response = await AskAsync(Client(model), stream, "Name a colour.");
        var call = Assert.Single(Sim.Calls, c => c.Request.Model == model);
        Assert.Equal($"Simulated answer from {model} to: Name a colour.", response.Text);
        Assert.Equal(stream, call.Request.Stream);
        Assert.Equal(call.Usage!.InputTokens, response.Usage?.InputTokenCount);
        Assert.Equal(call.Usage.OutputTokens, response.Usage?.OutputTokenCount);
        Assert.Equal("Answer briefly.", call.Request.Messages[0].Text);
    }

    [Fact]
    public async Task Sends_images_as_the_protocol_expects()
    {
        var model = NewModel();
        Sim.Respond(r => r.Model == model ? $"{r.Images.Count} image(s), {r.Images[0].Data?.Length} bytes" : "other");
        try
        {
            var message = new ChatMessage(ChatRole.User, [new TextContent("Caption this frame."), new DataContent(Png, "image/png")]);
            var response = await Client(model).GetResponseAsync([message]);
            Assert.Equal($"1 image(s), {Png.Length} bytes", response.Text);
            var image = Assert.Single(Assert.Single(Sim.Requests, r => r.Model == model).Images);
            Assert.Equal(Png, image.Data);
            AssertImageMediaType(image);
        }
        finally
        {
            Sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
        }
    }

    protected virtual void AssertImageMediaType(SimulatedImage image) => Assert.Equal("image/png", image.MediaType);

    public static TheoryData<string, bool> Faults()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in (string[])["RateLimited", "ServerError500", "ServerError502", "ServerError503", "ConnectionReset", "StreamCut", "StreamError",
                     "MalformedJson", "EmptyChoices", "Unauthorized", "Forbidden", "ContextLengthExceeded", "BadRequest"])
        {
            data.Add(name, false);
            data.Add(name, true);
        }
        return data;
    }

    private static (Fault Fault, ProviderFailureKind Kind, int? Status) Expected(string name) => name switch
    {
        "RateLimited" => (Fault.RateLimited(TimeSpan.FromSeconds(2)), ProviderFailureKind.RateLimited, 429),
        "ServerError500" => (Fault.ServerError(500), ProviderFailureKind.ServerError, 500),
        "ServerError502" => (Fault.ServerError(502), ProviderFailureKind.ServerError, 502),
        "ServerError503" => (Fault.ServerError(503), ProviderFailureKind.ServerError, 503),
        "ConnectionReset" => (Fault.ConnectionReset, ProviderFailureKind.ConnectionFailed, null),
        "StreamCut" => (Fault.StreamCut, ProviderFailureKind.BadResponse, null),
        "StreamError" => (Fault.StreamError, ProviderFailureKind.ServerError, null),
        "MalformedJson" => (Fault.MalformedJson, ProviderFailureKind.BadResponse, null),
        "EmptyChoices" => (Fault.EmptyChoices, ProviderFailureKind.BadResponse, null),
        "Unauthorized" => (Fault.Unauthorized, ProviderFailureKind.Unauthorized, 401),
        "Forbidden" => (Fault.Forbidden, ProviderFailureKind.Unauthorized, 403),
        "ContextLengthExceeded" => (Fault.ContextLengthExceeded, ProviderFailureKind.ContextLengthExceeded, 400),
        "BadRequest" => (Fault.BadRequest("Invalid value for 'temperature'."), ProviderFailureKind.BadRequest, 400),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Maps_each_fault_to_its_kind_after_exactly_one_request(string faultName, bool stream)
    {
        var (fault, kind, status) = Expected(faultName);
        var model = NewModel();
        Sim.Script(model, fault);

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => AskAsync(Client(model), stream));

        Assert.Equal(kind, ex.Kind);
        // A mid-stream error event carries whatever code the protocol puts in it (502, 529, none).
        if (fault.Kind != FaultKind.StreamError)
            Assert.Equal(status, ex.StatusCode);
        Assert.Equal("sim-" + ApiKind, ex.Provider);
        Assert.Equal(1, Sim.CallCount(model));
        if (fault.Kind == FaultKind.RateLimited)
            Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        if (fault.Kind == FaultKind.BadRequest)
            Assert.Contains("Invalid value for 'temperature'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_an_http_date_retry_after()
    {
        var model = NewModel();
        Sim.Script(model, Fault.RateLimited(TimeSpan.FromSeconds(30), asHttpDate: true));
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => AskAsync(Client(model), stream: false));
        Assert.Equal(ProviderFailureKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Fact]
    public async Task Lets_the_callers_deadline_cancel_a_first_byte_that_never_comes()
    {
        var model = NewModel();
        Sim.Script(model, Fault.FirstByteAfter(TimeSpan.FromSeconds(5)));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AskAsync(Client(model), stream: true, cancellationToken: deadline.Token));
        Assert.Equal(1, Sim.CallCount(model));
    }

    [Fact]
    public async Task Reports_its_own_network_timeout_as_timeout()
    {
        var model = NewModel();
        Sim.Script(model, Fault.FirstByteAfter(TimeSpan.FromSeconds(5)));
        var options = new ProviderAdapterOptions { TimeProvider = fixture.Time, NetworkTimeout = TimeSpan.FromMilliseconds(200) };
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => AskAsync(Client(model, options), stream: false));
        Assert.Equal(ProviderFailureKind.Timeout, ex.Kind);
        Assert.Equal(1, Sim.CallCount(model));
    }

    [Fact]
    public async Task Reports_a_stalled_stream_as_timeout()
    {
        var model = NewModel();
        Sim.Script(model, Fault.StreamStall(TimeSpan.FromSeconds(5)));
        // The idle deadline runs on the adapter's clock; the real one here, since the simulator stalls in real time.
        var options = new ProviderAdapterOptions { TimeProvider = TimeProvider.System, StreamIdleTimeout = TimeSpan.FromMilliseconds(200) };
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => AskAsync(Client(model, options), stream: true));
        Assert.Equal(ProviderFailureKind.Timeout, ex.Kind);
        Assert.Contains("stalled", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Sim.CallCount(model));
    }

    [Fact]
    public async Task Waits_through_a_pause_shorter_than_the_idle_timeout()
    {
        var model = NewModel();
        Sim.Script(model, Fault.StreamStall(TimeSpan.FromMilliseconds(100)));
        var response = await AskAsync(Client(model), stream: true, "Pause, then go on.");
        Assert.Equal($"Simulated answer from {model} to: Pause, then go on.", response.Text);
    }

    [Fact]
    public async Task Reports_a_refused_connection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var closed = new Uri(ApiKind == "openai" ? $"http://127.0.0.1:{port}/v1" : $"http://127.0.0.1:{port}/");
        var client = CreateAdapter(new ProviderAdapterOptions()).CreateChatClient(new ProviderEndpoint("down", ApiKind, closed, "sk-x"), "m");
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetResponseAsync("hello"));
        Assert.Equal(ProviderFailureKind.ConnectionFailed, ex.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Never_lets_a_wrong_key_into_a_message_or_an_exception_chain(bool stream)
    {
        const string key = "sk-leak-4f9a8b7c6d5e4f3a2b1c";
        var model = NewModel();
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => AskAsync(Client(model, key: key), stream));
        Assert.Equal(ProviderFailureKind.Unauthorized, ex.Kind);
        Assert.Equal(key, Assert.Single(Sim.Requests, r => r.Model == model).ApiKey);
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, e.ToString(), StringComparison.Ordinal);
        }
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }
}
