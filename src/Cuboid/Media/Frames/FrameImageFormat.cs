namespace Cuboid.Media.Frames;

/// <summary>The image format of exported frames.</summary>
public enum FrameImageFormat
{
    /// <summary>JPEG at high quality: small files, what vision models are usually sent.</summary>
    Jpeg,

    /// <summary>Lossless PNG.</summary>
    Png,
}
