using Cuboid.Generation;
using Cuboid.Generation.Images;

namespace Cuboid.Tests.Generation.Images;

public sealed class ImagePricingTests
{
    private static readonly IReadOnlyList<ImagePrice> GptImage =
    [
        new ImagePrice { Quality = "low", Size = "1024x1024", PerImage = 0.011m }, new ImagePrice { Quality = "low", PerImage = 0.016m },
        new ImagePrice { Quality = "medium", Size = "1024x1024", PerImage = 0.042m }, new ImagePrice { Quality = "medium", PerImage = 0.063m },
    ];

    [Theory]
    [InlineData("low", 1024, 1024, 0.011)]
    [InlineData("low", 1536, 1024, 0.016)]
    [InlineData("medium", 1024, 1024, 0.042)]
    [InlineData(null, 1024, 1536, 0.063)]
    public void A_per_image_price_matches_quality_and_exact_size_before_any_size(string? quality, int width, int height, double dollars) =>
        Assert.Equal((decimal)dollars, ImagePricing.Cost(GptImage, new VideoSize(width, height), quality, 1));

    [Fact]
    public void A_quality_without_a_sku_has_no_price() => Assert.Null(ImagePricing.Cost(GptImage, new VideoSize(1024, 1024), "high", 1));

    [Theory]
    [InlineData(1024, 768, 1)]
    [InlineData(1024, 1024, 1)]
    [InlineData(1536, 1024, 2)]
    [InlineData(2048, 2048, 4)]
    [InlineData(2049, 2048, 5)]
    public void Megapixels_are_started_megapixels_of_1024_by_1024(int width, int height, int megapixels) =>
        Assert.Equal(megapixels, ImagePricing.Megapixels(new VideoSize(width, height)));

    [Fact]
    public void A_per_megapixel_price_is_charged_per_started_megapixel_and_per_image() =>
        Assert.Equal(0.15m, ImagePricing.Cost([new ImagePrice { PerMegapixel = 0.025m }], new VideoSize(1536, 1024), null, 3));

    [Fact]
    public void Image_headers_give_the_delivered_size_of_png_and_jpeg()
    {
        var png = Cuboid.Testing.Generation.SimulatedImageRenderer.Render("x", 40, 30);
        Assert.Equal(new VideoSize(40, 30), ImageHeader.Size(png));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03];
        Assert.Equal(new VideoSize(640, 480), ImageHeader.Size(jpeg));
        Assert.Null(ImageHeader.Size("not an image"u8));
    }
}
