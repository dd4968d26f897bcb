using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>A speech-to-text client whose behaviour is a delegate.</summary>
internal sealed class TestSpeechToTextClient(string modelId) : ISpeechToTextClient
{
    public string ModelId { get; } = modelId;

    public Func<Stream, SpeechToTextOptions?, CancellationToken, Task<SpeechToTextResponse>>? GetTextAsyncCallback { get; set; }

    public int Calls { get; private set; }

    public List<long> BytesSeen { get; } = [];

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        using var copy = new MemoryStream();
        await audioSpeechStream.CopyToAsync(copy, cancellationToken);
        BytesSeen.Add(copy.Length);
        copy.Position = 0;
        return GetTextAsyncCallback is null
            ? new SpeechToTextResponse($"transcript from {ModelId}") { EndTime = null }
            : await GetTextAsyncCallback(copy, options, cancellationToken);
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
