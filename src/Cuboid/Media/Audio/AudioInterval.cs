namespace Cuboid.Media.Audio;

/// <summary>A stretch of time in seconds from the start of the video, [Start, End).</summary>
public readonly record struct AudioInterval(TimeSpan Start, TimeSpan End)
{
    /// <summary>Length of the interval.</summary>
    public TimeSpan Duration => End - Start;
}
