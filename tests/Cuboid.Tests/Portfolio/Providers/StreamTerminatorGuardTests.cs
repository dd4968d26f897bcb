using System.Text;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.Anthropic;
using Cuboid.Portfolio.Providers.Ollama;
using Cuboid.Portfolio.Providers.OpenAICompatible;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class StreamTerminatorGuardTests
{
    private static readonly ProviderEndpoint Endpoint = new("p", "openai", new Uri("http://p.invalid/v1"), "sk-secret");

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read, to split lines across reads.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }

    private static async Task<string> ReadAllAsync(WireProtocol protocol, string body, int chunk)
    {
        await using var guard = new StreamTerminatorGuard(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), protocol, Endpoint, Timeout.InfiniteTimeSpan, TimeProvider.System);
        using var reader = new StreamReader(guard);
        return await reader.ReadToEndAsync();
    }

    public static TheoryData<string, string> Complete() => new()
    {
        { "openai", "data: {\"a\":1}\n\ndata: [DONE]\n\n" },
        { "openai", "data: {\"a\":1}\r\n\r\ndata: [DONE]" },
        { "openai", "data: {\"a\":\"" + new string('x', 100_000) + "\"}\n\ndata: [DONE]\n\n" },
        { "anthropic", "event: message_start\ndata: {}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n" },
        { "ollama", "{\"message\":{\"content\":\"a\"},\"done\":false}\n{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":3}\n" },
    };

    private static WireProtocol Protocol(string name) => name switch
    {
        "openai" => OpenAIWireProtocol.Instance,
        "anthropic" => AnthropicWireProtocol.Instance,
        _ => OllamaWireProtocol.Instance,
    };

    [Theory]
    [MemberData(nameof(Complete))]
    public async Task Passes_a_complete_stream_through_unchanged_whatever_the_read_sizes(string protocol, string body)
    {
        foreach (var chunk in (int[])[1, 7, 4096])
            Assert.Equal(body, await ReadAllAsync(Protocol(protocol), body, chunk));
    }

    [Theory]
    [InlineData("openai", "data: {\"a\":1}\n\n")]
    [InlineData("openai", "data: {\"a\":1}\n\ndata: [DON")]
    [InlineData("anthropic", "event: message_start\ndata: {}\n\nevent: content_block_delta\ndata: {}\n\n")]
    [InlineData("ollama", "{\"message\":{\"content\":\"a\"},\"done\":false}\n")]
    [InlineData("openai", "")]
    public async Task Throws_bad_response_when_the_terminator_never_comes(string protocol, string body)
    {
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => ReadAllAsync(Protocol(protocol), body, 5));
        Assert.Equal(ProviderFailureKind.BadResponse, ex.Kind);
        Assert.Contains(Protocol(protocol).Terminator, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A body that never sends anything until the read is cancelled.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    [Fact]
    public async Task A_silent_stream_times_out_on_the_given_clock_not_the_real_one()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var guard = new StreamTerminatorGuard(new SilentStream(), OpenAIWireProtocol.Instance, Endpoint, TimeSpan.FromSeconds(30), time);

        var read = guard.ReadAsync(new byte[16]).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => read);
        Assert.Equal(ProviderFailureKind.Timeout, ex.Kind);
        Assert.Contains("30 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_data_already_in_hand_makes_no_timer()
    {
        // A timer per read took the timer queue's lock twice per chunk; the idle deadline now needs one only for a read that waits.
        var time = new Cuboid.Tests.Portfolio.CountingTimeProvider();
        var body = string.Concat(Enumerable.Range(0, 50).Select(i => $"data: {{\"i\":{i}}}\n\n")) + "data: [DONE]\n\n";
        await using var guard = new StreamTerminatorGuard(new TrickleStream(Encoding.UTF8.GetBytes(body), 40), OpenAIWireProtocol.Instance, Endpoint, TimeSpan.FromSeconds(30), time);
        using var reader = new StreamReader(guard);

        Assert.Equal(body, await reader.ReadToEndAsync());
        Assert.Equal(0, time.TimersMade);
    }
}
