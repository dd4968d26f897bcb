namespace Cuboid.Generation.Images;

/// <summary>The image tasks of the generation catalog: <c>t2i</c> (text to image) and <c>i2i</c> (an image made from reference images and a prompt).</summary>
public static class ImageTasks
{
    public const string TextToImage = "t2i";

    public const string ImageToImage = "i2i";

    public static IReadOnlyList<string> All { get; } = [TextToImage, ImageToImage];

    public static bool IsImage(string task) => task is TextToImage or ImageToImage;
}
