using System.Runtime.CompilerServices;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public class StreamingRouterTests
{
    private static readonly RouteConstraints ByQuality = new() { Policy = RoutingPolicy.Quality };

    private static async IAsyncEnumerable<ChatResponseUpdate> CutAfter(string provider, int updates, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < updates; i++)
        {
            await DriveQueue.YieldAsync();
            yield return new ChatResponseUpdate(ChatRole.Assistant, $"part{i} ");
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new ProviderCallException(provider, ProviderFailureKind.BadResponse, "the stream ended without its [DONE] terminator");
    }

    private static async Task<(string Text, Exception? Error)> ReadAll(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            await foreach (var update in stream)
            {
                // Every routed update names the catalog model (provider:model) that answered.
                Assert.Matches("^[^:]+:.+$", update.ModelId);
                text.Append(update.Text);
            }
        }
        catch (Exception ex)
        {
            return (text.ToString(), ex);
        }

        return (text.ToString(), null);
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_first_update_falls_over()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => CutAfter("alpha", 0, ct);
        var portfolio = harness.Build();

        var (text, error) = await harness.Drive(() => ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x")));

        Assert.Null(error);
        Assert.Equal("answer from beta:mid", text);
        Assert.Equal([("alpha:big", CallOutcome.Failed, 3), ("beta:mid", CallOutcome.Succeeded, 1)],
            portfolio.Ledger.Records.Select(r => (r.ModelId, r.Outcome, r.Attempts)));
    }

    [Fact]
    public async Task A_stream_cut_after_updates_reached_the_caller_ends_in_an_error_not_a_truncated_answer()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => CutAfter("alpha", 2, ct);
        var portfolio = harness.Build();

        var (text, error) = await harness.Drive(() => ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x")));

        var cut = Assert.IsType<CuboidException>(error);
        Assert.Equal(ErrorKind.Provider, cut.Kind);
        Assert.Contains("cut after 2 updates", cut.Message, StringComparison.Ordinal);
        Assert.Equal("part0 part1 ", text);
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal(CallOutcome.Truncated, record.Outcome);
        Assert.True(record.TokensEstimated);
        Assert.Equal(0m, portfolio.Budget.Reserved);
    }

    [Fact]
    public async Task With_buffered_streams_a_mid_stream_cut_falls_over_and_the_caller_sees_only_the_good_answer()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => CutAfter("alpha", 2, ct);
        var settings = PortfolioHarness.FastSettings with { Resilience = PortfolioHarness.FastSettings.Resilience with { BufferStreams = true } };
        var portfolio = harness.Build(settings: settings);

        var (text, error) = await harness.Drive(() => ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x")));

        Assert.Null(error);
        Assert.Equal("answer from beta:mid", text);
        Assert.Equal(3, harness.Chat("alpha:big").Calls);
    }

    [Fact]
    public async Task A_stalled_stream_is_ended_by_the_idle_deadline()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => Stall(ct);
        var portfolio = harness.Build();

        var (text, error) = await harness.Drive(() => ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x")));

        Assert.Equal("first ", text);
        Assert.Contains("no update within 10 s", Assert.IsType<CuboidException>(error).Message, StringComparison.Ordinal);
        Assert.Equal(CallOutcome.Truncated, Assert.Single(portfolio.Ledger.Records).Outcome);

        static async IAsyncEnumerable<ChatResponseUpdate> Stall([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "first ");
            await DriveQueue.HangAsync(ct);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "never");
        }
    }

    [Fact]
    public async Task A_slow_stream_whose_every_update_comes_within_the_idle_timeout_is_not_cut()
    {
        // Four updates 6 s apart: 24 s in all, more than the 10 s idle timeout, but no single read waits that long.
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => Slow(harness.Time, ct);
        var portfolio = harness.Build();

        var (text, error) = await harness.Drive(() => ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x")));

        Assert.Null(error);
        Assert.Equal("a b c d ", text);
        Assert.Equal(CallOutcome.Succeeded, Assert.Single(portfolio.Ledger.Records).Outcome);

        static async IAsyncEnumerable<ChatResponseUpdate> Slow(TimeProvider time, [EnumeratorCancellation] CancellationToken ct = default)
        {
            foreach (var part in new[] { "a ", "b ", "c ", "d " })
            {
                await Task.Delay(TimeSpan.FromSeconds(6), time, ct);
                yield return new ChatResponseUpdate(ChatRole.Assistant, part);
            }
        }
    }

    [Fact]
    public async Task A_reader_slower_than_the_idle_timeout_does_not_count_against_the_upstream()
    {
        // The idle deadline is for the upstream: time the caller spends between reads (a slow client) is not a stall.
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => Quick(ct);
        var portfolio = harness.Build();

        var text = await harness.Drive(async () =>
        {
            var parts = new System.Text.StringBuilder();
            await foreach (var update in portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x"))
            {
                parts.Append(update.Text);
                await Task.Delay(TimeSpan.FromSeconds(15), harness.Time);
            }

            return parts.ToString();
        });

        Assert.Equal("a b c ", text);
        Assert.Equal(CallOutcome.Succeeded, Assert.Single(portfolio.Ledger.Records).Outcome);

        static async IAsyncEnumerable<ChatResponseUpdate> Quick([EnumeratorCancellation] CancellationToken ct = default)
        {
            foreach (var part in new[] { "a ", "b ", "c " })
            {
                await DriveQueue.YieldAsync();
                ct.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, part);
            }
        }
    }

    [Fact]
    public async Task Streamed_usage_is_booked_and_missing_usage_is_estimated()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetStreamingResponseAsyncCallback = (_, _, ct) => WithUsage(ct);
        var portfolio = harness.Build();

        var (text, _) = await ReadAll(portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x"));
        await ReadAll(portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "beta:mid" }).GetStreamingResponseAsync("x"));

        Assert.Equal("hello", text);
        var (withUsage, without) = (portfolio.Ledger.Records[0], portfolio.Ledger.Records[1]);
        Assert.Equal((1000L, 500L, false), (withUsage.InputTokens, withUsage.OutputTokens, withUsage.TokensEstimated));
        Assert.Equal(0.003m, withUsage.Dollars);
        Assert.True(without.TokensEstimated);
        Assert.Equal(CallOutcome.Succeeded, without.Outcome);

        static async IAsyncEnumerable<ChatResponseUpdate> WithUsage([EnumeratorCancellation] CancellationToken ct = default)
        {
            await DriveQueue.YieldAsync();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "hello");
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 500 })]);
        }
    }

    [Fact]
    public async Task A_caller_that_stops_reading_early_is_booked_as_abandoned()
    {
        var harness = new PortfolioHarness();
        var portfolio = harness.Build();

        await foreach (var update in portfolio.GetChatClient("caption", ByQuality).GetStreamingResponseAsync("x"))
        {
            Assert.NotNull(update);
            break;
        }

        Assert.Equal(CallOutcome.Abandoned, Assert.Single(portfolio.Ledger.Records).Outcome);
        Assert.Equal(0m, portfolio.Budget.Reserved);
    }
}
