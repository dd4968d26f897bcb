using System.Globalization;
using Cuboid.Media.Scenes;

namespace Cuboid.Contracts;

/// <summary>One entry of <c>boundaries</c> in <see cref="ScenesDocument"/>.</summary>
/// <param name="Time">Seconds, rounded to the microsecond.</param>
/// <param name="Timecode"><c>hh:mm:ss.fff</c>.</param>
/// <param name="Frame">Index of the decoded frame the boundary sits on.</param>
/// <param name="Kind"><c>cut</c>, <c>cut (fade)</c>, <c>fade-out</c> or <c>fade-in</c>.</param>
/// <param name="Score">The detector's score there.</param>
public sealed record SceneBoundaryEntry(double Time, string Timecode, long Frame, string Kind, double Score)
{
    /// <summary>The entry for one detected boundary.</summary>
    public static SceneBoundaryEntry From(SceneBoundary boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return new(Math.Round(boundary.Time, 6), TimecodeOf(boundary.Time), boundary.Frame, KindName(boundary), boundary.Score);
    }

    /// <summary>How a boundary's kind is written, in the document and the table.</summary>
    public static string KindName(SceneBoundary boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return boundary.Kind switch
        {
            SceneBoundaryKind.FadeOut => "fade-out",
            SceneBoundaryKind.FadeIn => "fade-in",
            _ => boundary.FromFade ? "cut (fade)" : "cut",
        };
    }

    /// <summary><c>hh:mm:ss.fff</c> for a time in seconds (negative times read as 0).</summary>
    public static string TimecodeOf(double seconds) =>
        TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 1000)).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
