namespace Cuboid.Spacetime;

/// <summary>How a model family tokenises one clip: the clip as the model sees it, its latent, the patch grid and the counts.</summary>
/// <param name="Width">Pixel width after fitting to the family's VAE and patch.</param>
/// <param name="Height">Pixel height after fitting.</param>
/// <param name="Frames">Frames the VAE encodes.</param>
/// <param name="Fit">The policy for sizes that do not divide; it changed the size only when <see cref="Fitted"/>.</param>
/// <param name="Requested">The size asked for (or the file's display size) before fitting.</param>
/// <param name="SequenceTokens">Tokens in self-attention: video plus text for joint attention, video alone for cross-attention.</param>
public sealed record TokenCount(
    string FamilyId,
    int Width,
    int Height,
    int Frames,
    int LatentFrames,
    int LatentHeight,
    int LatentWidth,
    int GridT,
    int GridH,
    int GridW,
    long VideoTokens,
    int TextTokens,
    long SequenceTokens,
    UnevenShapePolicy Fit,
    PixelSize Requested)
{
    /// <summary>True when cropping or padding changed the size; a size that divides is used as it is.</summary>
    public bool Fitted => Requested.Width != Width || Requested.Height != Height;
}
