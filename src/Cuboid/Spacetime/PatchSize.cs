namespace Cuboid.Spacetime;

/// <summary>A space-time patch: <paramref name="T"/> frames by <paramref name="H"/> rows by <paramref name="W"/> columns.</summary>
public readonly record struct PatchSize(int T, int H, int W)
{
    /// <summary>Elements of one channel in a patch: T × H × W.</summary>
    public int Volume => checked(T * H * W);

    /// <summary>Throws a usage error when a side is not positive.</summary>
    public void Validate()
    {
        if (T <= 0 || H <= 0 || W <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Patch, $"patch {this} has a zero or negative side; every side must be at least 1");
        }
    }

    /// <summary>The patch as <c>(T, H, W)</c>.</summary>
    public override string ToString() => $"({T}, {H}, {W})";
}
