using System.Buffers.Binary;
using Cuboid.Media.Audio;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media.Audio;

public class AudioExtractorTests
{
    // Sound at 1.0-2.5 s and 3.3-4.55 s (a 0.15 s pause inside is bridged); a 0.1 s blip at 5.55 s is dropped.
    private static readonly VideoRecipe Talk = new()
    {
        Seconds = 6,
        Tones =
        [
            ToneSegment.Silence(1.0), new(1.5, 440), ToneSegment.Silence(0.8), new(0.6, 880), ToneSegment.Silence(0.15),
            new(0.5, 300), ToneSegment.Silence(1.0), new(0.1, 1000), ToneSegment.Silence(0.6),
        ],
    };

    private static void AssertNear(double expected, TimeSpan actual) =>
        Assert.InRange(actual.TotalSeconds, expected - 0.05, expected + 0.05);

    [Fact]
    public async Task Finds_sound_and_silence_within_50_ms_in_a_real_encoded_soundtrack()
    {
        var video = await VideoBuilder.BuildAsync(Talk);

        var result = await AudioExtractor.ExtractAsync(video);

        Assert.True(result.HasAudio);
        Assert.Equal(2, result.Activity.Count);
        AssertNear(1.0, result.Activity[0].Start);
        AssertNear(2.5, result.Activity[0].End);
        AssertNear(3.3, result.Activity[1].Start);
        AssertNear(4.55, result.Activity[1].End);
        Assert.Equal(3, result.Silences.Count);
        AssertNear(0, result.Silences[0].Start);
        AssertNear(6.25, result.Silences[^1].End);
        Assert.Null(result.WavPath);
    }

    [Fact]
    public async Task Refuses_to_write_over_the_input_video_and_leaves_it_intact()
    {
        var copy = Path.Combine(VideoBuilder.NewFolder(), "victim.mp4");
        File.Copy(await VideoBuilder.BuildAsync(Talk), copy);
        var before = await File.ReadAllBytesAsync(copy);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(copy, wavPath: copy));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Equal(before, await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task Refuses_an_output_name_that_is_not_a_wav_file()
    {
        var video = await VideoBuilder.BuildAsync(Talk);
        var target = Path.Combine(Path.GetTempPath(), $"cuboid-{Guid.NewGuid():N}.mp4");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(video, wavPath: target));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Writes_a_16_kHz_mono_16_bit_wav()
    {
        var video = await VideoBuilder.BuildAsync(Talk);
        var wav = Path.Combine(VideoBuilder.NewFolder(), "sons d'été", "audio.wav");

        var result = await AudioExtractor.ExtractAsync(video, wav);

        Assert.Equal(wav, result.WavPath);
        var bytes = await File.ReadAllBytesAsync(wav);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(20))); // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(22))); // mono
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(34)));
        var dataBytes = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40));
        Assert.Equal(bytes.Length - 44, dataBytes);
        AssertNear(6.25, TimeSpan.FromSeconds(dataBytes / 2 / 16000.0));
        AssertNear(6.25, result.Duration);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(wav)!)); // no temp file left
    }

    [Fact]
    public async Task Extracts_a_range_and_reports_times_in_file_time()
    {
        var video = await VideoBuilder.BuildAsync(Talk);

        var result = await AudioExtractor.ExtractAsync(video, range: new AudioRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));

        AssertNear(2.0, result.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), result.From);
        Assert.Equal(2, result.Activity.Count);
        AssertNear(2.0, result.Activity[0].Start);
        AssertNear(2.5, result.Activity[0].End);
        AssertNear(3.3, result.Activity[1].Start);
        AssertNear(3.9, result.Activity[1].End); // the bridged pause is cut off by the range end
    }

    [Fact]
    public async Task No_audio_stream_is_a_fact_not_an_error()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Audio = false });
        var wav = Path.Combine(VideoBuilder.NewFolder(), "audio.wav");

        var result = await AudioExtractor.ExtractAsync(video, wav);

        Assert.False(result.HasAudio);
        Assert.Empty(result.Activity);
        Assert.Null(result.WavPath);
        Assert.False(File.Exists(wav));
    }

    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(9.0, null)]
    public async Task A_bad_range_is_a_usage_error(double from, double? to)
    {
        var video = await VideoBuilder.BuildAsync(Talk);
        var range = new AudioRange(TimeSpan.FromSeconds(from), to is { } t ? TimeSpan.FromSeconds(t) : null);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(video, range: range));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public async Task Each_bad_input_is_one_clear_input_error(string name)
    {
        var path = BadInputs.Make(name);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(path));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains(BadInputs.Phrase(name), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_ffmpeg_names_the_package_to_install()
    {
        var video = await VideoBuilder.BuildAsync(Talk);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync(video, tools: BadInputs.MissingTools));

        Assert.Contains("apt-get install -y ffmpeg", ex.Message, StringComparison.Ordinal);
    }
}
