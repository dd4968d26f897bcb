namespace Cuboid.Server.Keys;

/// <summary>How often a virtual key's budget starts afresh (UTC calendar periods); <see cref="Total"/> never resets.</summary>
public enum KeyPeriod
{
    Day,
    Week,
    Month,
    Total,
}
