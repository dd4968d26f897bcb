using Cuboid.Portfolio;

namespace Cuboid.Understanding;

/// <summary>
/// Learns which catalog model answered a routed call (after any fallback) from the usage ledger: the
/// ledger records the call inside the caller's async flow, so an <see cref="AsyncLocal{T}"/> slot set by
/// the caller receives the model id even when many calls run at once.
/// </summary>
internal sealed class AnsweredByScope
{
    private static readonly AsyncLocal<AnsweredByScope?> Current = new();

    public string? ModelId { get; private set; }

    /// <summary>Listens to <paramref name="ledger"/>; call once per ledger.</summary>
    public static void Attach(UsageLedger ledger) =>
        ledger.Recorded += record =>
        {
            if (Current.Value is { } scope && record.Outcome == CallOutcome.Succeeded)
            {
                scope.ModelId = record.ModelId;
            }
        };

    /// <summary>Starts a scope for the call about to be made in this async flow.</summary>
    public static AnsweredByScope Begin()
    {
        var scope = new AnsweredByScope();
        Current.Value = scope;
        return scope;
    }
}
