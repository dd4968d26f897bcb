namespace Cuboid.Server.Store;

/// <summary>
/// The answer of <see cref="IGatewayStore.TryHold"/>: the hold's id when it fitted (null when it did not), and the dollars
/// the key had left in the period before this hold (budget minus spend minus live holds, never below zero).
/// </summary>
public sealed record SpendHoldResult(string? HoldId, decimal Remaining)
{
    public bool Held => HoldId is not null;
}
