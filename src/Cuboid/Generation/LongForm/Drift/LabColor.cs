namespace Cuboid.Generation.LongForm;

/// <summary>A colour in CIE L*a*b* (D65): L 0-100, a and b roughly -128 to 127.</summary>
public readonly record struct LabColor(double L, double A, double B)
{
    /// <summary>CIE76 colour difference: the Euclidean distance in Lab. About 2.3 is a just-noticeable difference.</summary>
    public double DeltaE(LabColor other)
    {
        var dl = L - other.L;
        var da = A - other.A;
        var db = B - other.B;
        return Math.Sqrt((dl * dl) + (da * da) + (db * db));
    }
}
