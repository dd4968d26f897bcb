using Cuboid.Portfolio;

namespace Cuboid.Generation.Routing;

/// <summary>
/// The fallback loop every routed generation shares (video jobs and images): the plan's candidates in order, a host that
/// refused the key skipped for the rest of the call, each estimate reserved in the run's budget before its route is tried,
/// the first route that accepts wins. When no route was tried because none fitted the budget, that is the budget's error.
/// </summary>
internal static class RoutedAttempts
{
    /// <summary>
    /// The first result an attempt returns, or null when every route tried failed (or none could be tried). An attempt
    /// settles its reservation itself and returns the failure's kind when its route did not take the request.
    /// </summary>
    /// <param name="what">What was asked, for the budget error (<c>a 8 s clip</c>).</param>
    public static async Task<T?> FirstAcceptedAsync<T>(VideoRoutePlan plan, RunBudget budget, string what,
        Func<VideoRouteCandidate, BudgetReservation, Task<(T? Result, ProviderFailureKind? Failure)>> attempt)
        where T : class
    {
        var unhealthy = new HashSet<string>(StringComparer.Ordinal);
        var overBudget = new List<VideoRouteCandidate>();
        var tried = 0;
        foreach (var candidate in plan.Candidates)
        {
            if (unhealthy.Contains(candidate.Route.Host))
            {
                continue;
            }

            if (!budget.TryReserve(candidate.EstimatedCost, out var reservation))
            {
                overBudget.Add(candidate);
                continue;
            }

            tried++;
            var (result, failure) = await attempt(candidate, reservation).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            if (failure == ProviderFailureKind.Unauthorized)
            {
                unhealthy.Add(candidate.Route.Host);
            }
        }

        if (tried == 0 && overBudget.Count > 0)
        {
            throw budget.Exceeded(overBudget.Min(c => c.EstimatedCost), what);
        }

        return null;
    }

    /// <summary>
    /// Why nothing was made: routes failed (a provider problem, exit 4), keys missing everywhere (exit 4), or no route can
    /// make the request (the user's, exit 2).
    /// </summary>
    /// <param name="everyRouteFailed">The opening of the message when routes were tried and failed.</param>
    /// <param name="asked">The request as the usage error names it (<c>a 8 s 1280x720 t2v clip</c>).</param>
    public static CuboidException NoRoute(VideoRoutePlan plan, IReadOnlyList<string> failures, string everyRouteFailed, string asked)
    {
        if (failures.Count > 0)
        {
            return CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"{everyRouteFailed}: {string.Join("; ", failures)}");
        }

        var reasons = string.Join("; ", plan.Skipped.Select(s => $"{s.Route}: {s.Reason}"));
        var what = plan.Request.Model ?? $"any {plan.Request.Task} model";
        return plan.Skipped.Count > 0 && plan.Skipped.All(s => s.Reason.StartsWith("no key", StringComparison.Ordinal))
            ? CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, $"no configured host serves {what}: {reasons}")
            : CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, $"{what} cannot make {asked} with these options: {(reasons.Length == 0 ? "no route" : reasons)}");
    }
}
