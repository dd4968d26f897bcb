using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Puts the transcripts of audio pieces back on the video's clock: each piece's segments are offset by
/// the piece's start (exactly, no rounding), kept inside the piece, and returned in time order.
/// </summary>
internal static class TranscriptStitcher
{
    public static IReadOnlyList<TranscriptSegment> Stitch(IEnumerable<(TimeRange Piece, IReadOnlyList<TranscriptSegment> Segments)> pieces)
    {
        var all = new List<TranscriptSegment>();
        foreach (var (piece, segments) in pieces)
        {
            foreach (var segment in segments)
            {
                var start = Math.Min(piece.Start + Math.Max(0, segment.Start), piece.End);
                var end = Math.Clamp(piece.Start + segment.End, start, piece.End);
                var text = segment.Text.Trim();
                if (text.Length > 0)
                {
                    all.Add(new TranscriptSegment(start, end, text));
                }
            }
        }

        return [.. all.OrderBy(s => s.Start)];
    }
}
