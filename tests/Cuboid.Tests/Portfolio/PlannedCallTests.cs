using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// A plan handed to the routed client with the call (<see cref="PlannedCall"/>, as the gateway does after planning for
/// the key's budget hold) replaces the client's own planning when it is the plan the client would make, and never reaches
/// the provider. The handed plans here are reordered on purpose, so the model that answers shows which plan was used.
/// </summary>
public class PlannedCallTests
{
    private static readonly RouteConstraints Constraints = RouteConstraints.None;

    private static ChatOptions WithPlan(RoutePlan plan, RouteConstraints constraints) =>
        new PlannedCall(constraints, plan).AddTo(new ChatOptions());

    /// <summary>The run's own plan for chat, with only its last candidate left: a plan the router would not make by itself.</summary>
    private static RoutePlan LastOnly(RunScope run, string task = ModelTasks.Chat)
    {
        var plan = run.Router.Plan(task, Constraints, run: run);
        Assert.True(plan.Candidates.Count > 1);
        return plan with { Candidates = [plan.Candidates[^1]] };
    }

    [Fact]
    public async Task The_routed_client_uses_a_handed_plan_and_the_provider_never_sees_it()
    {
        var harness = new PortfolioHarness();
        var run = harness.Build();
        var handed = LastOnly(run);
        var expected = handed.Candidates[0].ModelId;

        var plain = await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("x", WithPlan(handed, Constraints));
        var streamed = await run.GetChatClient(ModelTasks.Chat).GetStreamingResponseAsync("x", WithPlan(handed, Constraints)).ToChatResponseAsync();

        Assert.Equal(expected, plain.ModelId);
        Assert.Equal(expected, streamed.ModelId);
        Assert.Equal([expected, expected], run.Ledger.Records.Select(r => r.ModelId));
        Assert.All(harness.Chat(expected).SeenOptions, o => Assert.False(o?.AdditionalProperties?.ContainsKey(PlannedCall.Key) ?? false));
    }

    [Fact]
    public async Task A_plan_for_another_task_or_other_constraints_is_ignored_and_the_client_plans_itself()
    {
        var harness = new PortfolioHarness();
        var run = harness.Build();
        var own = run.Router.Plan(ModelTasks.Chat, Constraints, run: run).Candidates[0].ModelId;

        var otherTask = await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("x", WithPlan(LastOnly(run, ModelTasks.Caption), Constraints));
        var otherConstraints = await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("x", WithPlan(LastOnly(run), new RouteConstraints { Policy = RoutingPolicy.Cost }));

        Assert.Equal(own, otherTask.ModelId);
        Assert.Equal(own, otherConstraints.ModelId);
    }

    [Fact]
    public async Task With_a_budget_a_plan_holding_an_unpriced_model_is_planned_again()
    {
        // A run with a budget leaves unpriced models out, so a plan made without a budget that holds one is not its plan.
        var harness = new PortfolioHarness();
        var run = harness.Build(budget: 100m);
        var handed = LastOnly(run);
        var unpriced = handed with { Candidates = [handed.Candidates[0] with { Priced = false }] };
        var own = run.Router.Plan(ModelTasks.Chat, Constraints, run: run).Candidates[0].ModelId;

        var priced = await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("x", WithPlan(handed, Constraints));
        var replanned = await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("x", WithPlan(unpriced, Constraints));

        Assert.Equal(handed.Candidates[0].ModelId, priced.ModelId);
        Assert.Equal(own, replanned.ModelId);
    }
}
