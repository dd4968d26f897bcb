namespace Cuboid.Portfolio;

/// <summary>
/// One model's part of a routed call: what went in and out, how long it took, how many attempts, how it
/// ended and what it cost from catalog prices. Token counts come from the provider's usage when it sends
/// them; otherwise they are estimated and <see cref="TokensEstimated"/> is true.
/// </summary>
public sealed record UsageRecord
{
    public required string Task { get; init; }

    public required string Provider { get; init; }

    /// <summary><c>provider:model</c>.</summary>
    public required string ModelId { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public bool TokensEstimated { get; init; }

    public double AudioSeconds { get; init; }

    public int Images { get; init; }

    public TimeSpan Latency { get; init; }

    /// <summary>Requests sent to this model for this call (first try plus retries).</summary>
    public int Attempts { get; init; }

    public CallOutcome Outcome { get; init; }

    /// <summary>Dollars from catalog prices (0 for a failed call, which providers do not bill).</summary>
    public decimal Dollars { get; init; }

    /// <summary>False when the catalog had no price for something this call used; its dollars are then a floor.</summary>
    public bool Priced { get; init; } = true;

    /// <summary>Why it failed, in the provider's words (never containing a key).</summary>
    public string? Error { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>One line for people: the model, what happened, after how many attempts, and the error if any.</summary>
    public string Describe()
    {
        var what = Attempts == 0 ? $"{Outcome.ToString().ToLowerInvariant()}, not tried"
            : $"{Outcome.ToString().ToLowerInvariant()} after {Attempts} attempt{(Attempts == 1 ? "" : "s")}";
        return $"{ModelId}: {what}{(Error is null ? "" : $" ({Error})")}";
    }
}
