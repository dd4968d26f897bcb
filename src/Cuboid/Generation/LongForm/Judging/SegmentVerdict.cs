namespace Cuboid.Generation.LongForm;

/// <summary>
/// What the judge said about one segment of a long video (<c>cuboid generate --judge</c>), as <c>drift.json</c> and the
/// long-form manifest keep it: the frame captioned, its caption, the score against the shot's prompt and why, the models
/// that answered and what the segment's judging cost. A segment that was captioned but not scored (the reasoning
/// model's answer was unusable) has no <see cref="Score"/>.
/// </summary>
/// <param name="Index">0-based segment number.</param>
/// <param name="Take">The take of the segment that was judged (the one kept in the video).</param>
/// <param name="Time">Where in the joined video the captioned frame is (s): the middle of the segment.</param>
/// <param name="Prompt">The shot's prompt the segment was rendered from.</param>
/// <param name="Caption">What the captioner saw in the frame.</param>
/// <param name="CaptionModel">The model that wrote the caption (<c>provider:model</c>).</param>
/// <param name="Score">How well the frame follows the prompt, 0 (not at all) to 10 (fully); null when not scored.</param>
/// <param name="Reason">The reasoning model's one-line reason for the score.</param>
/// <param name="Reasoner">The reasoning model that scored it.</param>
/// <param name="Dollars">The caption's cost plus an equal share of the scoring call's.</param>
public sealed record SegmentVerdict(
    int Index,
    int Take,
    double Time,
    string Prompt,
    string Caption,
    string? CaptionModel,
    double? Score = null,
    string? Reason = null,
    string? Reasoner = null,
    decimal Dollars = 0)
{
    /// <summary>The highest score: every part of the prompt is visible and nothing contradicts it.</summary>
    public const double MaxScore = 10;
}
