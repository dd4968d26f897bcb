using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Cuboid.Testing.Simulators;
using OpenAI;
using OpenAI.Chat;

namespace Cuboid.Tests.Server;

/// <summary>The official OpenAI .NET SDK, unmodified (only its endpoint and transport point at the gateway), against the gateway.</summary>
public sealed class OpenAISdkTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private static OpenAIClient Sdk(GatewayHost host) => new(new ApiKeyCredential(GatewayHost.AdminKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(host.Server.BaseAddress, "v1"),
        Transport = new HttpClientPipelineTransport(host.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    [Fact]
    public async Task Chat_plain_and_streamed()
    {
        using var host = new GatewayHost(_sim);
        var chat = Sdk(host).GetChatClient("auto");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello")]);
        var streamed = new StringBuilder();
        ChatTokenUsage? usage = null;
        string? model = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("again")], new ChatCompletionOptions()))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            usage ??= update.Usage;
            model ??= update.Model;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Simulated answer from primary-model to: hello", completion.Content[0].Text);
        Assert.Equal("sim:primary-model", completion.Model);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal("Simulated answer from primary-model to: again", streamed.ToString());
        Assert.Equal("sim:primary-model", model);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task A_stream_cut_after_the_first_byte_never_reaches_the_SDK_as_a_finished_answer()
    {
        // The .NET SDK skips SSE error events, so what it can see is that no update finished the answer; SSE-aware
        // clients (the Python and Node SDKs, curl) also get the explicit error event (StreamingTests).
        _sim.ScriptAlways(GatewayHost.Primary, Fault.StreamCut);
        _sim.Respond(_ => "one two three four five six");
        using var host = new GatewayHost(_sim);
        var chat = Sdk(host).GetChatClient("auto");

        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("hello")]))
        {
            updates.Add(update);
        }

        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Null(u.FinishReason));
    }

    [Fact]
    public async Task Models_lists_the_catalog()
    {
        using var host = new GatewayHost(_sim);

        var models = (await Sdk(host).GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.Contains(models, m => m.Id == "sim:primary-model" && m.OwnedBy == "sim");
        Assert.Contains(models, m => m.Id == "sim:whisper-1");
    }

    [Fact]
    public async Task An_SDK_call_without_budget_left_gets_a_402_ClientResultException()
    {
        using var host = new GatewayHost(_sim);
        var secret = await KeysTests.CreateKeyAsync(host, new() { ["budget"] = 0 });
        var sdk = new OpenAIClient(new ApiKeyCredential(secret), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.Server.BaseAddress, "v1"),
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
        });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => sdk.GetChatClient("auto").CompleteChatAsync([new UserChatMessage("hello")]));

        Assert.Equal(402, error.Status);
        Assert.Empty(_sim.Calls);
    }
}
