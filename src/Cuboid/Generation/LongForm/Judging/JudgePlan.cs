namespace Cuboid.Generation.LongForm;

/// <summary>
/// What judging a long video would cost, priced before any call the way <c>analyze --dry-run</c> prices its stages: one
/// caption per segment on the captioner the router would pick, and one scoring call on the reasoning model. A stage
/// whose <see cref="Understanding.StageEstimate.Model"/> is null has no configured model, so the judge cannot run
/// (<see cref="CanRun"/>); <see cref="Understanding.StageEstimate.EnabledBy"/> names the variables that would add one.
/// </summary>
/// <param name="Captions">The captions, one per segment.</param>
/// <param name="Scoring">The reasoning model's one call that scores every segment.</param>
public sealed record JudgePlan(Understanding.StageEstimate Captions, Understanding.StageEstimate Scoring)
{
    /// <summary>Whether a captioner and a reasoning model are configured.</summary>
    public bool CanRun => Captions.Model is not null && Scoring.Model is not null;

    /// <summary>The expected price of both stages.</summary>
    public decimal Dollars => Captions.Dollars + Scoring.Dollars;

    /// <summary>The most both stages can cost on the planned models (every output at its cap, the scoring call repaired once).</summary>
    public decimal WorstCaseDollars => Captions.WorstCaseDollars + Scoring.WorstCaseDollars;
}
