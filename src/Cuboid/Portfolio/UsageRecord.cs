namespace Cuboid.Portfolio;

/// <summary>
/// One model's part of a routed call: what went in and out, how long it took, how many attempts, how it
/// ended and what it cost from catalog prices. Token counts come from the provider's usage when it sends
/// them; otherwise they are estimated and <see cref="TokensEstimated"/> is true.
/// </summary>
public sealed record UsageRecord
{
    /// <summary>The routed task (<c>caption</c>, <c>transcribe</c>, <c>reason</c>...).</summary>
    public required string Task { get; init; }

    /// <summary>The model's provider id.</summary>
    public required string Provider { get; init; }

    /// <summary><c>provider:model</c>.</summary>
    public required string ModelId { get; init; }

    /// <summary>Input tokens (from the provider's usage, else estimated).</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens (from the provider's usage, else estimated).</summary>
    public long OutputTokens { get; init; }

    /// <summary>True when the token counts are estimates, not the provider's.</summary>
    public bool TokensEstimated { get; init; }

    /// <summary>Seconds of audio sent (transcription).</summary>
    public double AudioSeconds { get; init; }

    /// <summary>Images sent.</summary>
    public int Images { get; init; }

    /// <summary>Time from the first request to the end of the answer, retries included.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Requests sent to this model for this call (first try plus retries).</summary>
    public int Attempts { get; init; }

    /// <summary>How the call ended on this model.</summary>
    public CallOutcome Outcome { get; init; }

    /// <summary>Dollars from catalog prices (0 for a failed call, which providers do not bill).</summary>
    public decimal Dollars { get; init; }

    /// <summary>False when the catalog had no price for something this call used; its dollars are then a floor.</summary>
    public bool Priced { get; init; } = true;

    /// <summary>Why it failed, in the provider's words (never containing a key).</summary>
    public string? Error { get; init; }

    /// <summary>When the call ended, on the router's clock.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>One line for people: the model, what happened, after how many attempts, and the error if any.</summary>
    public string Describe()
    {
        var what = Attempts == 0 ? $"{Outcome.ToString().ToLowerInvariant()}, not tried"
            : $"{Outcome.ToString().ToLowerInvariant()} after {Attempts} attempt{(Attempts == 1 ? "" : "s")}";
        return $"{ModelId}: {what}{(Error is null ? "" : $" ({Error})")}";
    }
}
