using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// A route already planned for one chat call, handed to the routed client in <see cref="ChatOptions.AdditionalProperties"/>
/// under <see cref="Key"/> so a caller that planned first (the gateway, to hold the key's budget) does not pay for
/// planning and estimating the same request twice. The routed client uses it only when it would have made the same plan
/// (same task and constraints, and no unpriced candidate when its run has a budget); otherwise it plans afresh. The router
/// removes it before the provider sees the options.
/// </summary>
/// <param name="Constraints">The constraints the plan was made with, the call's pin included.</param>
/// <param name="Plan">The plan, with the request's estimate.</param>
internal sealed record PlannedCall(RouteConstraints Constraints, RoutePlan Plan)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key.</summary>
    public const string Key = "cuboid.plannedCall";

    /// <summary>Attaches this plan to <paramref name="options"/> and returns them.</summary>
    public ChatOptions AddTo(ChatOptions options)
    {
        (options.AdditionalProperties ??= [])[Key] = this;
        return options;
    }

    /// <summary>The plan attached to <paramref name="options"/>, if any.</summary>
    public static PlannedCall? From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as PlannedCall : null;

    /// <summary>
    /// The plan when it is the one the routed client for <paramref name="task"/> would make under <paramref name="constraints"/>
    /// in a run with or without a budget (a budget leaves out unpriced models; a plan without one that has none is the same).
    /// </summary>
    public RoutePlan? PlanFor(string task, RouteConstraints constraints, bool budgetActive) =>
        Plan.Task == task && Constraints == constraints && Plan.Candidates.Count > 0 && (!budgetActive || Plan.Candidates.All(c => c.Priced))
            ? Plan
            : null;
}
