namespace Cuboid.Testing.Video;

/// <summary>One stretch of a test soundtrack: a sine tone, or silence when <paramref name="FrequencyHz"/> is 0.</summary>
public sealed record ToneSegment(double Seconds, double FrequencyHz = 440)
{
    public static ToneSegment Silence(double seconds) => new(seconds, 0);

    public bool IsSilence => FrequencyHz <= 0;
}
