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
    public void Segments_are_the_finished_updates_or_one_segment_for_a_client_that_gives_none()
    {
        static SpeechToTextResponseUpdate Update(string text, SpeechToTextResponseUpdateKind kind, double? start = null, double? end = null) => new(text)
        {
            Kind = kind,
            StartTime = start is { } s ? TimeSpan.FromSeconds(s) : null,
            EndTime = end is { } e ? TimeSpan.FromSeconds(e) : null,
        };

        // Partial text and the session's close are not segments; each finished update is one, on its own time range.
        Assert.Equal([new TranscriptSegment(1, 2, "a"), new TranscriptSegment(2.5, 3, "b")], SpeechSegmentReader.Read(
            [Update("a", SpeechToTextResponseUpdateKind.TextUpdating, 1, 1.5), Update(" a ", SpeechToTextResponseUpdateKind.TextUpdated, 1, 2),
             Update("b", SpeechToTextResponseUpdateKind.TextUpdated, 2.5, 3), Update("", SpeechToTextResponseUpdateKind.SessionClose, 0, 10)], 10));

        // A plain client's whole response as updates (no times): one segment over the piece.
        Assert.Equal([new TranscriptSegment(0, 10, "plain")], SpeechSegmentReader.Read(new SpeechToTextResponse("plain").ToSpeechToTextResponseUpdates(), 10));

        // A client that streams only partial text: the text together, over what it says it heard.
        Assert.Equal([new TranscriptSegment(0.5, 4, "one two")], SpeechSegmentReader.Read(
            [Update("one ", SpeechToTextResponseUpdateKind.TextUpdating, 0.5, 2), Update("two", SpeechToTextResponseUpdateKind.TextUpdating, 2, 4)], 10));
    }
}
