namespace Cuboid.Generation.LongForm;

/// <summary>One metric's curve over the segments, with its linear-fit slope and start-to-end contrast.</summary>
/// <param name="Metric">The metric's JSON name (<c>deltaEAnchor</c>, <c>sharpness</c>...).</param>
/// <param name="Values">One value per segment.</param>
/// <param name="Slope">Least-squares slope per segment.</param>
/// <param name="Start">First segment's value.</param>
/// <param name="End">Last segment's value.</param>
/// <param name="Change">End − start.</param>
/// <param name="Ratio">End / start (null when start is 0).</param>
public sealed record MetricTrend(string Metric, IReadOnlyList<double> Values, double Slope, double Start, double End, double Change, double? Ratio)
{
    /// <summary>The trend of <paramref name="values"/> (one per segment): least-squares slope, start, end, change and ratio.</summary>
    public static MetricTrend Of(string metric, IReadOnlyList<double> values)
    {
        var n = values.Count;
        double slope = 0;
        if (n >= 2)
        {
            var meanX = (n - 1) / 2.0;
            var meanY = values.Average();
            double sxy = 0, sxx = 0;
            for (var i = 0; i < n; i++)
            {
                sxy += (i - meanX) * (values[i] - meanY);
                sxx += (i - meanX) * (i - meanX);
            }

            slope = sxy / sxx;
        }

        var start = n > 0 ? values[0] : 0;
        var end = n > 0 ? values[^1] : 0;
        return new MetricTrend(metric, values, slope, start, end, end - start, start != 0 ? end / start : null);
    }
}
