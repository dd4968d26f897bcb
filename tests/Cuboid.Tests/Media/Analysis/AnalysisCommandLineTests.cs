using Cuboid.Media.Analysis;

namespace Cuboid.Tests.Media.Analysis;

public class AnalysisCommandLineTests
{
    private static readonly FrameSize Small = new(128, 72);

    [Fact]
    public void A_pass_told_to_skip_all_deblocking_passes_it_to_the_decoder_before_the_input()
    {
        var args = AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions { Deblocking = DeblockingSkip.All }, export: null, candidatePattern: null);

        var skip = args.IndexOf("-skip_loop_filter");
        Assert.True(skip >= 0, string.Join(' ', args));
        Assert.Equal("all", args[skip + 1]);
        Assert.True(skip < args.IndexOf("-i"), "a decoder option must come before the input");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void By_default_deblocking_is_skipped_only_on_non_reference_frames_with_or_without_export(bool export)
    {
        var args = export
            ? AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions(), new FrameSize(768, 432), "c%08d.jpg")
            : AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions(), export: null, candidatePattern: null);

        Assert.Equal("noref", args[args.IndexOf("-skip_loop_filter") + 1]);
    }

    [Fact]
    public void A_caller_can_keep_full_deblocking()
    {
        var args = AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions { Deblocking = DeblockingSkip.None }, export: null, candidatePattern: null);

        Assert.DoesNotContain("-skip_loop_filter", args);
    }

    [Theory]
    [InlineData(128, 72, 1280, "scale=256:144:flags=fast_bilinear,scale=128:72:flags=area")]
    [InlineData(72, 128, 720, "scale=144:256:flags=fast_bilinear,scale=72:128:flags=area")]
    [InlineData(64, 36, 1280, "scale=128:72:flags=fast_bilinear,scale=64:36:flags=area")]
    [InlineData(192, 108, 1280, "scale=256:144:flags=fast_bilinear,scale=192:108:flags=area")]
    [InlineData(384, 216, 1920, "scale=512:288:flags=fast_bilinear,scale=384:216:flags=area")]
    [InlineData(192, 108, 640, "[0:V:0]scale=192:108:flags=area")]
    public void The_point_sampling_step_goes_to_256_px_or_4_3_of_the_analysis_size_never_past_twice_it(int width, int height, int source, string chain)
    {
        var args = AnalysisCommandLine.Build("in.mp4", new FrameSize(width, height), source, new AnalysisOptions(), export: null, candidatePattern: null);

        var graph = args[args.IndexOf("-filter_complex", 2 + args.IndexOf("-filter_complex_threads")) + 1];
        Assert.Contains(chain, graph, StringComparison.Ordinal);
    }
}
