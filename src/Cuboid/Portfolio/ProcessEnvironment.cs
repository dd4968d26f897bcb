namespace Cuboid.Portfolio;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IEnvironmentVariables
{
    public static ProcessEnvironment Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
