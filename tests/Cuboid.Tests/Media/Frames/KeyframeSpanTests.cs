using Cuboid.Media.Frames;

namespace Cuboid.Tests.Media.Frames;

public class KeyframeSpanTests
{
    [Fact]
    public void Each_stretch_of_a_split_file_decodes_on_one_thread_and_the_whole_file_keeps_ffmpeg_s_threads()
    {
        var spans = KeyframeSpan.Split(TimeSpan.FromSeconds(90), 3);

        Assert.All(spans, span => Assert.Contains("-threads 1 ", string.Join(' ', span.InputArguments("in.mp4")), StringComparison.Ordinal));
        Assert.DoesNotContain("-threads", Assert.Single(KeyframeSpan.Split(TimeSpan.FromSeconds(90), 1)).InputArguments("in.mp4"));
    }

    [Fact]
    public void Deblocking_is_skipped_only_when_asked()
    {
        var span = Assert.Single(KeyframeSpan.Split(TimeSpan.FromSeconds(30), 1));

        Assert.Contains("-skip_loop_filter all ", string.Join(' ', span.InputArguments("in.mp4", skipDeblocking: true)), StringComparison.Ordinal);
        Assert.DoesNotContain("-skip_loop_filter", span.InputArguments("in.mp4"));
    }
}
