namespace Cuboid.Media.Audio;

/// <summary>
/// Settings of the energy-based activity detector. Defaults suit speech recorded at a normal level:
/// a 10 ms frame is "sound" above -35 dBFS and stays sound until it drops below -45 dBFS (hysteresis,
/// so a voice that fades a little is not chopped), pauses shorter than 300 ms are bridged and blips
/// shorter than 200 ms are dropped.
/// </summary>
public sealed record AudioActivityOptions
{
    /// <summary>Level in dBFS above which a frame starts an activity.</summary>
    public double StartThresholdDb { get; init; } = -35;

    /// <summary>Level in dBFS below which an activity stops (lower than the start: hysteresis).</summary>
    public double StopThresholdDb { get; init; } = -45;

    /// <summary>Activities shorter than this are dropped as blips.</summary>
    public TimeSpan MinActivity { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Silences shorter than this are bridged into the activity around them.</summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Length of one analysis frame whose level is measured.</summary>
    public TimeSpan FrameLength { get; init; } = TimeSpan.FromMilliseconds(10);
}
