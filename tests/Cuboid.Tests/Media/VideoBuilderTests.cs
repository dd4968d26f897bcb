using Cuboid.Media.Probe;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media;

/// <summary>The test-video builder makes what its recipes promise (other features are checked by the probe tests).</summary>
public class VideoBuilderTests
{
    [Fact]
    public async Task A_recipe_is_built_once_and_then_reused()
    {
        var recipe = new VideoRecipe { Seconds = 1, Source = "smptebars", Audio = false };

        var first = await VideoBuilder.BuildAsync(recipe);
        var written = File.GetLastWriteTimeUtc(first);
        var second = await VideoBuilder.BuildAsync(recipe with { });

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
        Assert.StartsWith(VideoBuilder.CacheFolder, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeat_plays_the_clip_several_times_in_one_file()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 1, Repeat = 3, Audio = false });

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Equal(3.0, info.Duration.TotalSeconds, 1);
        Assert.Equal(75, info.RequireVideo().FrameCount);
    }

    [Fact]
    public async Task A_truncated_mp4_is_half_of_the_whole_one()
    {
        var whole = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3 });
        var cut = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Defect = VideoDefect.TruncatedBeforeIndex });

        Assert.Equal(new FileInfo(whole).Length / 2, new FileInfo(cut).Length);
    }
}
