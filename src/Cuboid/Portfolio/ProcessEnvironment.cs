namespace Cuboid.Portfolio;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IEnvironmentVariables
{
    /// <summary>The one instance.</summary>
    public static ProcessEnvironment Instance { get; } = new();

    /// <inheritdoc/>
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
