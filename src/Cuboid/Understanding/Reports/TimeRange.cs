using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>A span of the video.</summary><param name="Start">Start in seconds.</param><param name="End">End in seconds.</param>
public sealed record TimeRange(double Start, double End)
{
    /// <summary>Length in seconds.</summary>
    [JsonIgnore]
    public double Duration => End - Start;
}
