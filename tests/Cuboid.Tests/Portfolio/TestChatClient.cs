using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>A chat client whose behaviour is a delegate, in the style of dotnet/extensions' TestChatClient.</summary>
internal sealed class TestChatClient(string modelId) : IChatClient
{
    public string ModelId { get; } = modelId;

    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    public int Calls { get; private set; }

    public List<ChatOptions?> SeenOptions { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        SeenOptions.Add(options);
        return GetResponseAsyncCallback?.Invoke(messages, options, cancellationToken)
            ?? Task.FromResult(Answer($"answer from {ModelId}"));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return GetStreamingResponseAsyncCallback?.Invoke(messages, options, cancellationToken)
            ?? Updates(cancellationToken, "answer ", "from ", ModelId);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public static ChatResponse Answer(string text, long? input = 100, long? output = 20) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = input is null && output is null ? null : new UsageDetails { InputTokenCount = input, OutputTokenCount = output },
        };

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates([EnumeratorCancellation] CancellationToken cancellationToken, params string[] parts)
    {
        foreach (var part in parts)
        {
            await DriveQueue.YieldAsync();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, part);
        }
    }
}
