using Cuboid.Media.Analysis;

namespace Cuboid.Tests.Media.Analysis;

public class AnalysisCommandLineTests
{
    private static readonly FrameSize Small = new(128, 72);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void By_default_the_decoder_skips_deblocking_on_non_reference_frames_with_or_without_export(bool export)
    {
        var args = export
            ? AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions(), new FrameSize(768, 432), "c%08d.jpg")
            : AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions(), export: null, candidatePattern: null);

        var skip = args.IndexOf("-skip_loop_filter");
        Assert.True(skip >= 0, string.Join(' ', args));
        Assert.Equal("noref", args[skip + 1]);
        Assert.True(skip < args.IndexOf("-i"), "a decoder option must come before the input");
    }

    [Fact]
    public void A_caller_can_keep_full_deblocking()
    {
        var args = AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions { Deblocking = DeblockingSkip.None }, export: null, candidatePattern: null);

        Assert.DoesNotContain("-skip_loop_filter", args);
    }

    [Fact]
    public void Skipping_deblocking_on_every_frame_asks_the_decoder_for_all()
    {
        var args = AnalysisCommandLine.Build("in.mp4", Small, 1280, new AnalysisOptions { Deblocking = DeblockingSkip.All }, export: null, candidatePattern: null);

        var skip = args.IndexOf("-skip_loop_filter");
        Assert.Equal("all", args[skip + 1]);
        Assert.True(skip >= 0 && skip < args.IndexOf("-i"), string.Join(' ', args));
    }

    [Theory]
    [InlineData(128, 72, 1280, "[0:V:0]scale=128:72:flags=fast_bilinear,setsar=1")]
    [InlineData(192, 108, 1920, "[0:V:0]scale=192:108:flags=fast_bilinear,setsar=1")] // the drift's frames
    [InlineData(192, 108, 320, "[0:V:0]scale=192:108:flags=area,setsar=1")] // a small source is area-averaged
    [InlineData(128, 72, 512, "[0:V:0]scale=128:72:flags=area,setsar=1")] // up to 4× the analysis size
    public void A_large_source_is_scaled_in_one_fast_bilinear_step_a_small_one_by_area(int width, int height, int sourceLongSide, string chain)
    {
        var args = AnalysisCommandLine.Build("in.mp4", new FrameSize(width, height), sourceLongSide, new AnalysisOptions(), export: null, candidatePattern: null);

        Assert.Contains(chain, args[args.IndexOf("-filter_complex", args.IndexOf("-i")) + 1], StringComparison.Ordinal);
    }
}
