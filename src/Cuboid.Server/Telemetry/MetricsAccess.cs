namespace Cuboid.Server.Telemetry;

/// <summary>Who may read the Prometheus scrape endpoint.</summary>
public enum MetricsAccess
{
    /// <summary>Not served.</summary>
    Off,

    /// <summary>Served to the admin key only (<c>Authorization: Bearer</c>, as Prometheus' <c>authorization</c> block sends it).</summary>
    Admin,

    /// <summary>Served to anyone who can reach the port (a scraper on a private network).</summary>
    Open,
}
