using Cuboid.Portfolio;

namespace Cuboid.Tests.Portfolio;

/// <summary>Environment variables from a dictionary.</summary>
internal sealed class MapEnvironment(IDictionary<string, string> values) : IEnvironmentVariables
{
    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
}
