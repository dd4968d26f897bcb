namespace Cuboid.Portfolio;

/// <summary>
/// Sums over a group of ledger records (a stage, a model, or the whole run). <see cref="Calls"/> counts the records
/// for which a request was sent: a fallback the router skipped (open circuit, provider refused earlier) is not a call.
/// </summary>
public sealed record UsageTotals(string Key, int Calls, int Attempts, long InputTokens, long OutputTokens, double AudioSeconds, decimal Dollars, bool AnyEstimated)
{
    /// <summary>Sums <paramref name="records"/> under <paramref name="key"/> (a task, a model, or "total").</summary>
    public static UsageTotals Of(string key, IEnumerable<UsageRecord> records)
    {
        var (calls, attempts, input, output, audio, dollars, estimated) = (0, 0, 0L, 0L, 0d, 0m, false);
        foreach (var r in records)
        {
            calls += r.Attempts > 0 ? 1 : 0;
            attempts += r.Attempts;
            input += r.InputTokens;
            output += r.OutputTokens;
            audio += r.AudioSeconds;
            dollars += r.Dollars;
            estimated |= r.TokensEstimated;
        }

        return new UsageTotals(key, calls, attempts, input, output, audio, dollars, estimated);
    }
}
