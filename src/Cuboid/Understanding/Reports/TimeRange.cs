using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

public sealed record TimeRange(double Start, double End)
{
    [JsonIgnore]
    public double Duration => End - Start;
}
