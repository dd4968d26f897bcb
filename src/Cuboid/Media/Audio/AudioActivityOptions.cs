namespace Cuboid.Media.Audio;

/// <summary>
/// Settings of the energy-based activity detector. Defaults suit speech recorded at a normal level:
/// a 10 ms frame is "sound" above -35 dBFS and stays sound until it drops below -45 dBFS (hysteresis,
/// so a voice that fades a little is not chopped), pauses shorter than 300 ms are bridged and blips
/// shorter than 200 ms are dropped.
/// </summary>
public sealed record AudioActivityOptions
{
    public double StartThresholdDb { get; init; } = -35;

    public double StopThresholdDb { get; init; } = -45;

    public TimeSpan MinActivity { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan FrameLength { get; init; } = TimeSpan.FromMilliseconds(10);
}
