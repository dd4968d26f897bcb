namespace Cuboid.Media.Analysis;

/// <summary>Motion energy of one slab of space-time cuboids (t frames × h × w pixel blocks at analysis resolution).</summary>
/// <param name="StartTime">Time of the slab's first frame.</param>
/// <param name="EndTime">Time of the slab's last frame.</param>
/// <param name="ActiveFraction">Share of cuboids whose mean absolute luma change per frame exceeds the noise floor (0-1):
/// about 0 for a static slide, about 1 when the whole picture moves.</param>
/// <param name="MeanEnergy">Mean absolute luma change per pixel and frame over all cuboids (0-255).</param>
public readonly record struct CuboidEnergy(double StartTime, double EndTime, float ActiveFraction, float MeanEnergy);
