namespace Cuboid.Generation.LongForm;

/// <summary>The last frame before a join and the first after it.</summary>
public sealed record JoinPictures(int Join, DriftPicture Before, DriftPicture After);
