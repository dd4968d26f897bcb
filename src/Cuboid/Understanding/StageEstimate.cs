using System.Text.Json.Serialization;

namespace Cuboid.Understanding;

/// <summary>
/// The planned cost of one stage on the model the router would pick first. <see cref="Model"/> is null when no model
/// serves the stage at all; <see cref="Configured"/> is false when the model is a shipped default priced for
/// comparison although no provider for it is configured (the stage cannot run, so the plan's total leaves it out, and
/// <see cref="EnabledBy"/> names the variables that would add a provider for it); <see cref="PriceKnown"/> is false
/// when the catalog has no price for it (its <see cref="Dollars"/> are then 0 and mean "unknown", not "free"). <see cref="Dollars"/> is the expected
/// price, <see cref="WorstCaseDollars"/> the most the stage can cost.
/// </summary>
public sealed record StageEstimate(
    string Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Model,
    int Calls,
    long InputTokens,
    long OutputTokens,
    double AudioMinutes,
    decimal Dollars,
    bool Configured = true,
    bool PriceKnown = true,
    IReadOnlyList<string>? EnabledBy = null)
{
    /// <summary>
    /// What the stage may cost at most on its model: every call writing its full output cap (what the router reserves).
    /// A budget of the plan's worst case never stops the run on the planned models.
    /// </summary>
    public decimal WorstCaseDollars { get; init; }
}
