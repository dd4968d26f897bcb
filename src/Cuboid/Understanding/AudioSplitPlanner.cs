using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Splits long audio into pieces a transcription provider accepts (e.g. 10 minutes, or 25 MB of 16 kHz
/// mono WAV), cutting in the middle of a silence so no word is cut in two. Only when a stretch holds no
/// silence at all is it cut hard at the limit.
/// </summary>
internal static class AudioSplitPlanner
{
    /// <summary>Ten minutes: inside OpenAI's 25 MB upload limit for 16 kHz 16-bit mono WAV (≈13.6 min).</summary>
    public const double DefaultMaxPieceSeconds = 600;

    /// <param name="speech">Speech intervals in order; the gaps between them are the silences.</param>
    public static IReadOnlyList<TimeRange> Plan(double duration, IReadOnlyList<TimeRange> speech, double maxPieceSeconds = DefaultMaxPieceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxPieceSeconds, 0);
        var silences = Silences(duration, speech);
        var pieces = new List<TimeRange>();
        var start = 0.0;
        while (duration - start > maxPieceSeconds)
        {
            var limit = start + maxPieceSeconds;
            var earliest = start + maxPieceSeconds / 2;
            var cut = silences
                .Select(s => (s.Start + s.End) / 2)
                .Where(mid => mid > earliest && mid <= limit)
                .DefaultIfEmpty(limit)
                .Max();
            pieces.Add(new TimeRange(start, cut));
            start = cut;
        }

        pieces.Add(new TimeRange(start, duration));
        return pieces;
    }

    private static List<TimeRange> Silences(double duration, IReadOnlyList<TimeRange> speech)
    {
        var silences = new List<TimeRange>();
        var cursor = 0.0;
        foreach (var s in speech.OrderBy(s => s.Start))
        {
            if (s.Start > cursor)
            {
                silences.Add(new TimeRange(cursor, s.Start));
            }

            cursor = Math.Max(cursor, s.End);
        }

        if (duration > cursor)
        {
            silences.Add(new TimeRange(cursor, duration));
        }

        return silences;
    }
}
