namespace Cuboid.Portfolio;

/// <summary>Reads environment variables, so tests can supply keys and hosts without touching the process environment.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is not set.</summary>
    string? Get(string name);
}
