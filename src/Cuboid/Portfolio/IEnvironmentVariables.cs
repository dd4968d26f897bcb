namespace Cuboid.Portfolio;

/// <summary>Reads environment variables, so tests can supply keys and hosts without touching the process environment.</summary>
public interface IEnvironmentVariables
{
    string? Get(string name);
}
