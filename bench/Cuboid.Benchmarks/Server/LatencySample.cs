namespace Cuboid.Benchmarks.Server;

/// <summary>Percentiles of a set of latencies or latency differences, in milliseconds (nearest rank).</summary>
internal static class LatencySample
{
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
