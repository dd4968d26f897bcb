namespace Cuboid.Portfolio;

/// <summary>How the router orders the candidates for a task.</summary>
public enum RoutingPolicy
{
    /// <summary>Highest effective (decayed) rating first.</summary>
    Quality,

    /// <summary>Cheapest estimated call first; ties by quality.</summary>
    Cost,

    /// <summary>Among models at or above the quality floor, most quality per dollar first; the rest after, by quality.</summary>
    Balanced,

    /// <summary>Lowest observed median latency in this run first; models not yet observed after, by quality.</summary>
    Latency,
}
