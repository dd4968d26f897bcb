namespace Cuboid.Generation.Images;

/// <summary>The image tasks of the generation catalog: <c>t2i</c> (text to image) and <c>i2i</c> (an image made from reference images and a prompt).</summary>
public static class ImageTasks
{
    /// <summary>Text to image.</summary>
    public const string TextToImage = "t2i";

    /// <summary>An image made from reference images and a prompt.</summary>
    public const string ImageToImage = "i2i";

    /// <summary>Both image tasks.</summary>
    public static IReadOnlyList<string> All { get; } = [TextToImage, ImageToImage];

    /// <summary>Whether <paramref name="task"/> is an image task rather than a video one.</summary>
    public static bool IsImage(string task) => task is TextToImage or ImageToImage;
}
