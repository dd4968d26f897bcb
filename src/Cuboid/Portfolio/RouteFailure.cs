using System.Text;

namespace Cuboid.Portfolio;

/// <summary>
/// One model the router could not get an answer from in one call. <see cref="Error"/> is the underlying cause,
/// even when the model was finally refused by an open circuit, so the final error names what really went wrong.
/// <see cref="OpenCircuit"/> names whose breaker refused it: the provider (its host unreachable, its key refused) or
/// only this model; null when no breaker was involved.
/// </summary>
internal sealed record RouteFailure(string Provider, string ModelId, int Attempts, string Error, string? OpenCircuit, bool OverBudget)
{
    public bool CircuitOpen => OpenCircuit is not null;

    private bool ProviderCircuitOpen => string.Equals(OpenCircuit, Provider, StringComparison.Ordinal);

    public static RouteFailure Skipped(RouteCandidate candidate, string why, bool overBudget = false) =>
        new(candidate.Provider, candidate.ModelId, 0, why, OpenCircuit: null, overBudget);

    /// <summary>
    /// One line, grouped by provider: each provider's first cause (and, once, whether the provider's circuit opened),
    /// then what happened to each of its models (and whether that model's own circuit opened), e.g.
    /// <c>openai: could not reach openai at 127.0.0.1:9: Connection refused (circuit now open) [openai:a failed after 1 attempt, openai:b not tried]</c>
    /// or <c>openai: HTTP 502 [openai:a not tried (circuit now open), openai:b failed after 3 attempts (HTTP 500)]</c>.
    /// </summary>
    public static string Summarise(IReadOnlyList<RouteFailure> failures)
    {
        var text = new StringBuilder();
        foreach (var group in failures.GroupBy(f => f.Provider, StringComparer.Ordinal))
        {
            var cause = group.FirstOrDefault(f => f.Attempts > 0 || f.CircuitOpen)?.Error ?? group.First().Error;
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(group.Key).Append(": ").Append(cause);
            // Only a provider-wide breaker speaks for the provider; a model's breaker is said beside that model.
            if (group.Any(f => f.ProviderCircuitOpen))
            {
                text.Append(" (circuit now open)");
            }

            text.Append(" [");
            var first = true;
            foreach (var failure in group)
            {
                text.Append(first ? "" : ", ").Append(failure.ModelId).Append(failure.Attempts == 0
                    ? " not tried"
                    : $" failed after {failure.Attempts} attempt{(failure.Attempts == 1 ? "" : "s")}");
                if (failure.Error != cause)
                {
                    text.Append(" (").Append(failure.Error).Append(')');
                }

                if (failure.CircuitOpen && !failure.ProviderCircuitOpen)
                {
                    text.Append(" (circuit now open)");
                }

                first = false;
            }

            text.Append(']');
        }

        return text.ToString();
    }
}
