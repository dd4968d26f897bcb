using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>One image or clip from a diffusion transformer: the family, the size, the frames, and the sampling
/// (the family's defaults unless given). An image is one frame.</summary>
public sealed record DiffusionWorkload(ModelFamily Family, int Width, int Height, int Frames)
{
    /// <summary>Denoising steps; null uses the family's default.</summary>
    public int? Steps { get; init; }

    /// <summary>Transformer passes per step (2 with classifier-free guidance); null uses the family's default.</summary>
    public int? PassesPerStep { get; init; }

    /// <summary>What to do when the size is not a multiple of the family's VAE × patch.</summary>
    public UnevenShapePolicy Fit { get; init; } = UnevenShapePolicy.Reject;

    /// <summary>The steps the plan counts: <see cref="Steps"/>, else the family's default.</summary>
    public int EffectiveSteps => Steps ?? Family.DefaultSteps;

    /// <summary>The passes per step the plan counts: <see cref="PassesPerStep"/>, else the family's default.</summary>
    public int EffectivePasses => PassesPerStep ?? Family.PassesPerStep;

    /// <summary>The clip a request describes (the family's default clip for anything left out).</summary>
    public static DiffusionWorkload From(ModelFamily family, ClipRequest request)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(request);
        var (size, frames, _) = request.Resolve(family);
        return new DiffusionWorkload(family, size.Width, size.Height, frames) { Fit = request.Fit };
    }

    /// <summary>The family's default clip (size, frames, steps, passes).</summary>
    public static DiffusionWorkload Default(ModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return new DiffusionWorkload(family, family.DefaultWidth, family.DefaultHeight, family.DefaultFrames);
    }
}
