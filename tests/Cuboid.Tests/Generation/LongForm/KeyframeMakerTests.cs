using Cuboid.Generation;
using Cuboid.Generation.LongForm;
using Cuboid.Media;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Video;
using Cuboid.Tests.Generation.Images;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>
/// Keyframes come from the image model at its own default size (1024x1024 here) and are fitted to the segment's size and
/// aspect: scaled to cover, centre-cropped, never squashed. The simulator's pictures are a horizontal gradient, so the
/// crop shows in the colour of the keyframe's edge columns.
/// </summary>
public sealed class KeyframeMakerTests(VideoSimulatorFixture fixture, ImageSimulatorFixture images)
    : IClassFixture<VideoSimulatorFixture>, IClassFixture<ImageSimulatorFixture>, IDisposable
{
    // A prompt whose simulated colour has a bright red channel, so the gradient's steps are far above encoding noise.
    private const string Prompt = "keyframe: the opening frame";

    private readonly LongFormHarness _harness = new(fixture.Sim);

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(160, 90)]
    [InlineData(90, 160)]
    [InlineData(128, 128)]
    public async Task A_keyframe_is_the_image_models_picture_covered_and_centre_cropped_to_the_segment_size(int width, int height)
    {
        images.Sim.Painter = r => SimulatedImageRenderer.Render(r.Prompt, r.Width, r.Height);
        var session = _harness.Session(images: images.Sim);
        var png = Path.Combine(_harness.Folder, $"keyframe-{width}x{height}.png");

        await new KeyframeMaker(session.Images, new VideoSize(width, height), MediaTools.Default).MakeAsync(Prompt, [], png, CancellationToken.None);

        Assert.Equal((width, height), await ImageMeasure.SizeAsync(png));
        // Covering a square picture: a landscape frame keeps its full width; a portrait one keeps the middle
        // height/width share of it, so its left edge is that far into the gradient.
        var picture = await PictureFile.LoadAsync(png, MediaTools.Default, CancellationToken.None);
        var kept = Math.Min(1.0, (double)width / height);
        var sourceWidth = 1024;
        var leftInSource = (int)Math.Round((1 - kept) / 2 * sourceWidth);
        var expected = SimulatedImageRenderer.PixelAt(Prompt, leftInSource, sourceWidth);
        var squashed = SimulatedImageRenderer.PixelAt(Prompt, 0, sourceWidth);
        var left = picture.Red[(height / 2) * width];
        Assert.True(Math.Abs(left - expected.R) <= 6, $"left edge red {left}, expected {expected.R} (a squashed picture would start at {squashed.R})");
        if (width < height)
        {
            Assert.True(Math.Abs(left - squashed.R) > 12, $"left edge red {left} is the uncropped picture's {squashed.R}");
        }
    }
}
