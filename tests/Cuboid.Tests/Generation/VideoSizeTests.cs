using Cuboid.Generation;

namespace Cuboid.Tests.Generation;

public sealed class VideoSizeTests
{
    [Theory]
    [InlineData(1280, 720, "16:9")]
    [InlineData(720, 1280, "9:16")]
    [InlineData(854, 480, "16:9")]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1000, 300, "10:3")]
    public void Aspect_ratio_is_reduced_and_named(int width, int height, string expected) =>
        Assert.Equal(expected, new VideoSize(width, height).AspectRatio);

    [Fact]
    public void A_size_not_set_has_no_aspect_ratio_instead_of_dividing_by_zero()
    {
        Assert.Equal(string.Empty, default(VideoSize).AspectRatio);
        Assert.Equal(string.Empty, new VideoSize(0, 720).AspectRatio);
    }

    [Theory]
    [InlineData("1280x720", 1280, 720)]
    [InlineData("720:1280", 720, 1280)]
    public void Parses_width_by_height(string text, int width, int height) =>
        Assert.Equal(new VideoSize(width, height), VideoSize.Parse(text));

    [Theory]
    [InlineData("0x720")]
    [InlineData("1280")]
    [InlineData("wide")]
    public void A_bad_size_is_a_usage_error_naming_the_size(string text)
    {
        var error = Assert.Throws<CuboidException>(() => VideoSize.Parse(text));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(CuboidParameters.Size.Name, error.ParameterName);
    }
}
