namespace Cuboid.Media.Audio;

/// <summary>A part of the file to extract, in seconds from its start; null ends mean the file's start or end.</summary>
public sealed record AudioRange(TimeSpan? From = null, TimeSpan? To = null)
{
    /// <summary>The whole file.</summary>
    public static AudioRange Whole { get; } = new();
}
