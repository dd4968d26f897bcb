using Cuboid.Media.Audio;

namespace Cuboid.Contracts;

/// <summary>A stretch of time in seconds, <c>{ "start", "end" }</c>.</summary>
public sealed record TimeRangeEntry(double Start, double End)
{
    /// <summary>The entry for one audio interval.</summary>
    public static TimeRangeEntry From(AudioInterval interval) => new(interval.Start.TotalSeconds, interval.End.TotalSeconds);
}
