namespace Cuboid.Testing.Load;

/// <summary>
/// Compares what a load run's clients were told with what the gateway booked, one key per request: a complete
/// stream's key must have been charged exactly its reported usage at the answering model's prices, and no key more
/// than it could hold.
/// </summary>
public static class LoadLedgerCheck
{
    /// <summary>
    /// The disagreements, one line each (empty when the books match). <paramref name="priceOf"/> prices a model's
    /// tokens (null for an unknown model); <paramref name="spentBy"/> reads a key's booked dollars by request index.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(IReadOnlyList<StreamOutcome> outcomes, Func<string, long, long, decimal?> priceOf, Func<int, decimal> spentBy)
    {
        var mismatches = new List<string>();
        foreach (var outcome in outcomes.Where(o => o.Ending == StreamEnding.Complete))
        {
            if (!outcome.HasUsage)
            {
                mismatches.Add($"request {outcome.Index}: a complete stream without a usage chunk");
                continue;
            }

            var expected = priceOf(outcome.Model ?? "", outcome.PromptTokens, outcome.CompletionTokens);
            var spent = spentBy(outcome.Index);
            if (expected != spent)
            {
                mismatches.Add($"request {outcome.Index}: {outcome.Model} reported {outcome.PromptTokens}+{outcome.CompletionTokens} tokens = ${expected}, the store booked ${spent}");
            }
        }

        return mismatches;
    }
}
