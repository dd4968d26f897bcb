using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// Runs' clients share the router's pipeline for a task (one OpenTelemetry middleware, so one ActivitySource and one
/// Meter for the process, not one per request), yet each call still books into the run whose client made it.
/// </summary>
public sealed class RunClientTests
{
    [Fact]
    public void Clients_of_different_runs_share_one_telemetry_middleware_and_name_their_own_run()
    {
        var router = new PortfolioHarness().BuildRouter();
        var first = router.BeginRun();
        var second = router.BeginRun();

        using var a = first.GetChatClient(ModelTasks.Chat);
        using var b = second.GetChatClient(ModelTasks.Chat);
        using var pinned = second.GetChatClient(ModelTasks.Chat, new RouteConstraints { PinnedModel = "alpha:small" });
        using var constrained = second.GetChatClient(ModelTasks.Chat, new RouteConstraints { Policy = RoutingPolicy.Cost });

        Assert.NotNull(a.GetService<OpenTelemetryChatClient>());
        Assert.Same(a.GetService<OpenTelemetryChatClient>(), b.GetService<OpenTelemetryChatClient>());
        Assert.Same(pinned.GetService<OpenTelemetryChatClient>(), second.GetChatClient(ModelTasks.Chat, new RouteConstraints { PinnedModel = "alpha:small" }).GetService<OpenTelemetryChatClient>());
        Assert.NotSame(a.GetService<OpenTelemetryChatClient>(), pinned.GetService<OpenTelemetryChatClient>());
        Assert.NotSame(a.GetService<OpenTelemetryChatClient>(), constrained.GetService<OpenTelemetryChatClient>());
        Assert.Same(first, a.GetService<RunScope>());
        Assert.Same(second, b.GetService<RunScope>());
        Assert.Same(router, a.GetService<ModelRouter>());
        Assert.Same(first.GetSpeechToTextClient().GetService<OpenTelemetrySpeechToTextClient>(), second.GetSpeechToTextClient().GetService<OpenTelemetrySpeechToTextClient>());
    }

    [Fact]
    public async Task Interleaved_streams_and_calls_of_two_runs_book_into_their_own_runs()
    {
        var harness = new PortfolioHarness();
        var router = harness.BuildRouter();
        var first = router.BeginRun(new RunOptions { Id = "first", Budget = 5m });
        var second = router.BeginRun(new RunOptions { Id = "second", Budget = 5m });

        // Both streams are open at once, read in turns, so neither run can be the other's current run by accident.
        await using var one = first.GetChatClient(ModelTasks.Chat).GetStreamingResponseAsync("one").GetAsyncEnumerator();
        await using var two = second.GetChatClient(ModelTasks.Chat).GetStreamingResponseAsync("two").GetAsyncEnumerator();
        var (textOne, textTwo) = (string.Empty, string.Empty);
        bool moreOne = true, moreTwo = true;
        while (moreOne || moreTwo)
        {
            if (moreOne && (moreOne = await one.MoveNextAsync()))
            {
                textOne += one.Current.Text;
            }

            if (moreTwo && (moreTwo = await two.MoveNextAsync()))
            {
                textTwo += two.Current.Text;
            }
        }

        await second.GetChatClient(ModelTasks.Chat).GetResponseAsync("three");

        Assert.Equal(textOne, textTwo);
        Assert.Single(first.Ledger.Records, r => r.Outcome == CallOutcome.Succeeded);
        Assert.Equal(2, second.Ledger.Records.Count(r => r.Outcome == CallOutcome.Succeeded));
        Assert.Empty(router.DefaultRun.Ledger.Records);
        Assert.Equal(first.Ledger.Total().Dollars, first.Budget.Spent);
        Assert.Null(RunScope.Current);
    }

    [Fact]
    public async Task Disposing_a_runs_client_leaves_the_shared_pipeline_working_for_other_runs()
    {
        var router = new PortfolioHarness().BuildRouter();
        var first = router.BeginRun();
        first.GetChatClient(ModelTasks.Chat).Dispose();

        var second = router.BeginRun();
        var answer = await second.GetChatClient(ModelTasks.Chat).GetResponseAsync("still there?");

        Assert.NotEmpty(answer.Text);
        Assert.Single(second.Ledger.Records);
        Assert.Empty(first.Ledger.Records);
    }
}
