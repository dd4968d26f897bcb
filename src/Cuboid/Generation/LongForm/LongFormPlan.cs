namespace Cuboid.Generation.LongForm;

/// <summary>
/// What a long-form run would do and cost, computed without calling anything: the storyboard (or the even split it
/// starts from when the reasoning model will write it, and that call's price), each segment's first route and price,
/// the keyframe images and their price on the image route (0 when the image model is not priced), the expected total and the worst case (every segment rendered
/// <see cref="LongFormRequest.BestOf"/> times).
/// </summary>
public sealed record LongFormPlan(
    LongFormRequest Request,
    Storyboard Storyboard,
    string StoryboardSource,
    ModelCost? StoryboardWriting,
    IReadOnlyList<SegmentPlan> Segments,
    int KeyframeImages,
    decimal KeyframeDollars,
    decimal ExpectedDollars,
    decimal WorstCaseDollars)
{
    /// <summary>What judging the segments would cost (<see cref="LongFormRequest.Judge"/>), in the totals when it can run; null when not asked.</summary>
    public JudgePlan? Judging { get; init; }
}
