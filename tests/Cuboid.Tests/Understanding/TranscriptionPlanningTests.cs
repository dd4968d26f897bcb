using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Understanding;

public class TranscriptionPlanningTests
{
    [Fact]
    public void Short_audio_is_one_piece()
    {
        Assert.Equal([new TimeRange(0, 300)], AudioSplitPlanner.Plan(300, [new(1, 299)]));
    }

    [Fact]
    public void Long_audio_is_cut_in_the_middle_of_the_latest_silence_before_the_limit()
    {
        // Speech with pauses at 400-402, 590-594, 1100-1104 and 1500-1502.
        TimeRange[] speech = [new(0, 400), new(402, 590), new(594, 1100), new(1104, 1500), new(1502, 1800)];

        var pieces = AudioSplitPlanner.Plan(1800, speech, 600);

        Assert.Equal([new TimeRange(0, 592), new TimeRange(592, 1102), new TimeRange(1102, 1501), new TimeRange(1501, 1800)], pieces);
        Assert.All(pieces, p => Assert.True(p.Duration <= 600));
    }

    [Fact]
    public void Audio_without_any_silence_is_cut_hard_at_the_limit()
    {
        Assert.Equal([new TimeRange(0, 600), new TimeRange(600, 1200), new TimeRange(1200, 1250)], AudioSplitPlanner.Plan(1250, [new(0, 1250)], 600));
    }

    [Fact]
    public void Stitching_offsets_every_segment_by_its_piece_start_exactly()
    {
        var stitched = TranscriptStitcher.Stitch(
        [
            (new TimeRange(592.25, 1102.5), [new TranscriptSegment(0, 3.125, " second piece "), new TranscriptSegment(509, 600, "runs past its piece")]),
            (new TimeRange(0, 592.25), [new TranscriptSegment(0.5, 4, "first"), new TranscriptSegment(5, 6, "   ")]),
        ]);

        Assert.Equal(
            [new TranscriptSegment(0.5, 4, "first"), new TranscriptSegment(592.25, 595.375, "second piece"), new TranscriptSegment(1101.25, 1102.5, "runs past its piece")],
            stitched);
    }

    [Fact]
    public void Segments_are_read_from_the_portfolio_property_or_fall_back_to_one_segment()
    {
        IReadOnlyList<Cuboid.Portfolio.Providers.TranscriptSegment> segments = [new(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), "a"), new(1, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3), "b")];
        var response = new SpeechToTextResponse("a b") { AdditionalProperties = new() { [Cuboid.Portfolio.Providers.TranscriptSegments.Key] = segments } };

        Assert.Equal([new TranscriptSegment(1, 2, "a"), new TranscriptSegment(2.5, 3, "b")], SpeechSegmentReader.Read(response, 10));
        Assert.Equal([new TranscriptSegment(0, 10, "plain")], SpeechSegmentReader.Read(new SpeechToTextResponse("plain"), 10));
    }
}
