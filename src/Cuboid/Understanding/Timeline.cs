using System.Text;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>Interleaves frame captions and transcript segments in time order and renders them as <c>[mm:ss]</c> lines.</summary>
internal static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Build(IEnumerable<ReportSample> samples, IEnumerable<TranscriptSegment> transcript)
    {
        var frames = samples.Where(s => !string.IsNullOrWhiteSpace(s.Caption)).Select(s => new TimelineEntry(s.Time, TimelineKind.Frame, s.Caption!.Trim()));
        var speech = transcript.Where(t => !string.IsNullOrWhiteSpace(t.Text)).Select(t => new TimelineEntry(t.Start, TimelineKind.Speech, t.Text.Trim(), t.End));

        // Stable order: at equal times the picture comes before the words spoken over it.
        return [.. frames.Concat(speech).OrderBy(e => e.Time).ThenBy(e => e.Kind)];
    }

    public static string Line(TimelineEntry entry)
    {
        var label = entry.Kind switch
        {
            TimelineKind.Frame => "frame",
            TimelineKind.Speech => "speech",
            _ => "notes",
        };
        var text = entry.Text.ReplaceLineEndings(" ");
        return entry.End is { } end && entry.Kind == TimelineKind.Notes
            ? $"[{Timecode.Clock(entry.Time)}–{Timecode.Clock(end)}] {label}: {text}"
            : $"[{Timecode.Clock(entry.Time)}] {label}: {text}";
    }

    public static string Render(IEnumerable<TimelineEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(Line(entry)).Append('\n');
        }

        return text.ToString();
    }
}
