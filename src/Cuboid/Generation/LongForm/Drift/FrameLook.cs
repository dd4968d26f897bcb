namespace Cuboid.Generation.LongForm;

/// <summary>How one frame looks, in the numbers drift is measured by.</summary>
/// <param name="Lab">Mean L*a*b* colour.</param>
/// <param name="LumaMean">Mean luma (BT.601, 0-255): exposure.</param>
/// <param name="Contrast">Standard deviation of luma (RMS contrast, 0-255).</param>
/// <param name="Saturation">Mean HSV saturation (0-255).</param>
/// <param name="Sharpness">Variance of the 4-neighbour Laplacian of luma: falls as a picture blurs.</param>
public readonly record struct FrameLook(LabColor Lab, double LumaMean, double Contrast, double Saturation, double Sharpness);
