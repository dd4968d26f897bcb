using Cuboid.Media.Audio;

namespace Cuboid.Tests.Media.Audio;

public class AudioActivityDetectorTests
{
    private const int Rate = 16000;

    private static short[] Tone(double seconds, double amplitude, double frequency = 440) =>
        [.. Enumerable.Range(0, (int)(seconds * Rate)).Select(i => (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / Rate)))];

    private static short[] Silence(double seconds) => new short[(int)(seconds * Rate)];

    private static IReadOnlyList<AudioInterval> Detect(short[] samples, int chunk = 1000, AudioActivityOptions? options = null, TimeSpan offset = default)
    {
        var detector = new AudioActivityDetector(Rate, options, offset);
        for (var i = 0; i < samples.Length; i += chunk)
        {
            detector.Add(samples.AsSpan(i, Math.Min(chunk, samples.Length - i)));
        }

        return detector.Complete();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(333)]
    [InlineData(100000)]
    public void Finds_tones_between_silences_whatever_the_chunk_size(int chunk)
    {
        short[] samples = [.. Silence(0.5), .. Tone(1.0, 0.5), .. Silence(1.0), .. Tone(0.4, 0.5)];

        var found = Detect(samples, chunk);

        Assert.Equal(2, found.Count);
        Assert.Equal(0.5, found[0].Start.TotalSeconds, 2);
        Assert.Equal(1.5, found[0].End.TotalSeconds, 2);
        Assert.Equal(2.5, found[1].Start.TotalSeconds, 2);
        Assert.Equal(2.9, found[1].End.TotalSeconds, 2);
    }

    [Fact]
    public void Short_pauses_are_bridged_and_short_blips_dropped()
    {
        short[] samples = [.. Tone(0.5, 0.5), .. Silence(0.1), .. Tone(0.5, 0.5), .. Silence(1.0), .. Tone(0.05, 0.5), .. Silence(1.0)];

        var found = Detect(samples);

        var only = Assert.Single(found);
        Assert.Equal(0.0, only.Start.TotalSeconds, 2);
        Assert.Equal(1.1, only.End.TotalSeconds, 2);
    }

    [Fact]
    public void Hysteresis_keeps_a_fading_sound_whole()
    {
        // -9 dBFS, then about -40 dBFS: under the start threshold but over the stop threshold.
        short[] samples = [.. Silence(0.5), .. Tone(0.5, 0.5), .. Tone(0.5, 0.014), .. Silence(0.5)];

        var only = Assert.Single(Detect(samples));

        Assert.Equal(0.5, only.Start.TotalSeconds, 2);
        Assert.Equal(1.5, only.End.TotalSeconds, 2);
    }

    [Fact]
    public void Quiet_noise_is_silence_and_times_carry_the_offset()
    {
        var random = new Random(7);
        short[] noise = [.. Enumerable.Range(0, Rate).Select(_ => (short)random.Next(-50, 50))];
        short[] samples = [.. noise, .. Tone(0.5, 0.3), .. noise];

        var only = Assert.Single(Detect(samples, offset: TimeSpan.FromSeconds(10)));

        Assert.Equal(11.0, only.Start.TotalSeconds, 2);
        Assert.Equal(11.5, only.End.TotalSeconds, 2);
    }
}
