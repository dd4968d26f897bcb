namespace Cuboid.Generation.LongForm;

/// <summary>
/// A 2-D hue × saturation histogram (30 × 32 bins over OpenCV's 8-bit HSV), the colour-distribution comparison the
/// drift literature uses. Counts are kept raw so frames can be summed into a segment without rounding.
/// </summary>
internal sealed class HueSaturationHistogram
{
    public const int HueBins = 30;
    public const int SaturationBins = 32;

    private readonly long[] _counts = new long[HueBins * SaturationBins];

    public long Total { get; private set; }

    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>Adds every pixel of a frame (hue 0-179, saturation 0-255).</summary>
    public void AddPixels(ReadOnlySpan<byte> hue, ReadOnlySpan<byte> saturation)
    {
        var counts = _counts;
        for (var i = 0; i < hue.Length; i++)
        {
            counts[((hue[i] / 6) * SaturationBins) + (saturation[i] >> 3)]++;
        }

        Total += hue.Length;
    }

    public void Add(HueSaturationHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Total += other.Total;
    }

    public void CopyFrom(HueSaturationHistogram other)
    {
        Array.Copy(other._counts, _counts, _counts.Length);
        Total = other.Total;
    }

    /// <summary>Bhattacharyya distance of the normalised histograms (OpenCV's HISTCMP_BHATTACHARYYA): 0 for the same
    /// distribution, 1 for disjoint ones.</summary>
    public double DistanceTo(HueSaturationHistogram other)
    {
        if (Total == 0 || other.Total == 0)
        {
            return 0;
        }

        double overlap = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && other._counts[i] != 0)
            {
                overlap += Math.Sqrt((double)_counts[i] * other._counts[i]);
            }
        }

        return Math.Sqrt(Math.Max(0, 1 - (overlap / Math.Sqrt((double)Total * other.Total))));
    }
}
