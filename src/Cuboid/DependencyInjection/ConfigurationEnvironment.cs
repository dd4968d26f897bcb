using Cuboid.Portfolio;
using Microsoft.Extensions.Configuration;

namespace Cuboid.DependencyInjection;

/// <summary>
/// Provider keys and hosts (<c>OPENAI_API_KEY</c>, <c>OLLAMA_HOST</c>...) read from configuration: top-level keys, as the
/// environment-variables source (<see cref="CuboidConfigurationBuilderExtensions.AddCuboidConfiguration"/>) adds them, or
/// as any other source (a secret store, a test's in-memory values) sets them.
/// </summary>
public sealed class ConfigurationEnvironment(IConfiguration configuration) : IEnvironmentVariables
{
    /// <inheritdoc/>
    public string? Get(string name) =>
        configuration[name] is { } value ? value
        // The environment-variables source turns "__" into the section separator.
        : name.Contains("__", StringComparison.Ordinal) ? configuration[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)]
        : null;
}
