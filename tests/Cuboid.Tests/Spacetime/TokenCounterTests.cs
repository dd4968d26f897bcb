using Cuboid.Spacetime;

namespace Cuboid.Tests.Spacetime;

public class TokenCounterTests
{
    private static readonly ModelFamilyCatalog Families = ModelFamilyCatalog.Default;

    // Published counts (reference compute.md §1, §2.2, §4), sizes as width × height.
    [Theory]
    [InlineData("wan2.1-t2v-14b", 1280, 720, 81, 75_600)]
    [InlineData("wan2.1-t2v-14b", 832, 480, 81, 32_760)]
    [InlineData("wan2.1-t2v-1.3b", 832, 480, 81, 32_760)]
    [InlineData("wan2.2-t2v-a14b", 1280, 720, 81, 75_600)]
    [InlineData("wan2.2-ti2v-5b", 1280, 704, 121, 27_280)]
    [InlineData("hunyuanvideo", 1280, 720, 129, 118_800)]
    [InlineData("hunyuanvideo", 1280, 768, 117, 115_200)]
    [InlineData("cogvideox-5b", 720, 480, 49, 17_550)]
    [InlineData("cogvideox-2b", 720, 480, 49, 17_550)]
    [InlineData("cogvideox1.5-5b", 1360, 768, 81, 44_880)]
    [InlineData("open-sora-2.0", 768, 768, 129, 76_032)]
    [InlineData("ltx-video-2b", 1216, 704, 121, 13_376)]
    [InlineData("ltx-video-2b", 768, 512, 121, 6_144)]
    [InlineData("ltx-video-13b", 1216, 704, 121, 13_376)]
    [InlineData("mochi-1", 848, 480, 163, 44_520)]
    [InlineData("step-video-t2v", 992, 544, 204, 75_888)]
    [InlineData("flux.1-dev", 1024, 1024, 1, 4_096)]
    [InlineData("wan2.1-t2v-14b", 1920, 1088, 81, 171_360)]
    [InlineData("wan2.1-t2v-14b", 3840, 2160, 81, 680_400)]
    public void Reproduces_published_token_counts(string family, int width, int height, int frames, long tokens)
    {
        var count = TokenCounter.Count(Families.Find(family), width, height, frames);

        Assert.Equal(tokens, count.VideoTokens);
    }

    [Fact]
    public void Reports_the_latent_and_grid_of_the_worked_example()
    {
        var count = TokenCounter.Count(Families.Find("wan2.1-t2v-14b"), 1280, 720, 81);

        Assert.Equal((21, 90, 160), (count.LatentFrames, count.LatentHeight, count.LatentWidth));
        Assert.Equal((21, 45, 80), (count.GridT, count.GridH, count.GridW));
        Assert.Equal(75_600, count.SequenceTokens);
    }

    [Fact]
    public void Joint_attention_adds_the_text_tokens_to_the_sequence()
    {
        var count = TokenCounter.Count(Families.Find("hunyuanvideo"), 1280, 720, 129);

        Assert.Equal(118_800 + 256, count.SequenceTokens);
    }

    [Fact]
    public void Chunked_vae_is_data_not_a_name_check()
    {
        var chunked = Families.Find("wan2.1-t2v-14b") with
        {
            Id = "my-chunked",
            Vae = new VaeSpec { TemporalFactor = 8, SpatialFactor = 8, CausalFirstFrame = false, TemporalChunk = new TemporalChunk(17, 3) },
        };

        Assert.Equal(36, TokenCounter.Count(chunked, 1280, 720, 204).LatentFrames);
    }

    [Theory]
    [InlineData("wan2.1-t2v-14b", 5, null, 81)]
    [InlineData("wan2.1-t2v-14b", 5, 24.0, 121)]
    [InlineData("hunyuanvideo", 5.4, null, 129)]
    [InlineData("ltx-video-2b", 4, null, 121)]
    [InlineData("step-video-t2v", 8.16, null, 204)]
    [InlineData("flux.1-dev", 3, null, 1)]
    public void Seconds_become_the_frames_the_model_generates(string family, double seconds, double? fps, int frames)
    {
        Assert.Equal(frames, TokenCounter.FramesFor(Families.Find(family), seconds, fps));
    }

    // One rule for every VAE: the nearest frame count it encodes whole, ties to the smaller.
    [Theory]
    [InlineData(4, 80, 81)]
    [InlineData(4, 81, 81)]
    [InlineData(4, 83, 81)]
    [InlineData(4, 84, 85)]
    [InlineData(4, 1328, 1329)]
    [InlineData(4, 1, 1)]
    [InlineData(4, 2, 1)]
    [InlineData(6, 4, 1)]
    [InlineData(6, 5, 7)]
    [InlineData(8, 120, 121)]
    public void Causal_vaes_snap_to_the_nearest_one_plus_k_t(int temporalFactor, int sampled, int frames)
    {
        Assert.Equal(frames, new VaeSpec { TemporalFactor = temporalFactor }.NearestWholeFrames(sampled));
    }

    [Theory]
    [InlineData(204, 204)]
    [InlineData(212, 204)]
    [InlineData(213, 221)]
    [InlineData(10, 17)]
    [InlineData(50, 51)]
    public void Chunked_vaes_snap_to_the_nearest_whole_chunk(int sampled, int frames)
    {
        Assert.Equal(frames, Families.Find("step-video-t2v").Vae.NearestWholeFrames(sampled));
    }

    [Fact]
    public void Every_video_family_generates_frames_its_vae_encodes_whole()
    {
        foreach (var family in Families.Families.Where(f => f.Kind == FamilyKind.Video))
        {
            foreach (var seconds in new[] { 1.0, 2.0, 5.0, 7.3, 83.0 })
            {
                var frames = TokenCounter.FramesFor(family, seconds);
                Assert.Equal(frames, family.Vae.NearestWholeFrames(frames));
                Assert.True(Math.Abs(frames - (seconds * family.Fps)) <= Math.Max(family.Vae.TemporalFactor, family.Vae.TemporalChunk?.Frames ?? 0),
                    $"{family.Id}: {seconds} s → {frames} frames");
            }
        }
    }

    [Fact]
    public void A_size_that_does_not_fit_needs_an_explicit_fit()
    {
        var wan = Families.Find("wan2.1-t2v-14b");

        var error = Assert.Throws<CuboidException>(() => TokenCounter.Count(wan, 1920, 1080, 81));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("height 1080 is not a multiple of 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("1088", error.Message, StringComparison.Ordinal);
        Assert.Equal(1072, TokenCounter.Count(wan, 1920, 1080, 81, UnevenShapePolicy.Crop).Height);
        Assert.Equal(171_360, TokenCounter.Count(wan, 1920, 1080, 81, UnevenShapePolicy.PadReplicate).VideoTokens);
    }

    [Theory]
    [InlineData(0, 720, 81)]
    [InlineData(1280, -720, 81)]
    [InlineData(1280, 720, 0)]
    [InlineData(1280, 720, 2_000_000)]
    [InlineData(int.MaxValue, 720, 81)]
    public void Bad_sizes_are_usage_errors(int width, int height, int frames)
    {
        var error = Assert.Throws<CuboidException>(() => TokenCounter.Count(Families.Find("wan2.1-t2v-14b"), width, height, frames));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Bad_durations_and_frame_rates_are_usage_errors()
    {
        var wan = Families.Find("wan2.1-t2v-14b");
        Assert.Throws<CuboidException>(() => TokenCounter.FramesFor(wan, 0));
        Assert.Throws<CuboidException>(() => TokenCounter.FramesFor(wan, 5, -1));
        Assert.Throws<CuboidException>(() => TokenCounter.FramesFor(wan, double.NaN));
        Assert.Throws<CuboidException>(() => TokenCounter.FramesFor(wan, 1e12));
        Assert.Throws<CuboidException>(() => TokenCounter.Count(Families.Find("flux.1-dev"), 1024, 1024, 5));
        Assert.Throws<CuboidException>(() => TokenCounter.Count(Families.Find("step-video-t2v"), 992, 544, 10));
    }
}
