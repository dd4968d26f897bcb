using Microsoft.Extensions.Configuration;

namespace Cuboid.DependencyInjection;

/// <summary>The <c>cuboid.json</c> config file as a configuration source, under the <c>Cuboid</c> section.</summary>
internal sealed class CuboidFileConfigurationSource(string? explicitPath, string workingDirectory) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new CuboidFileConfigurationProvider(explicitPath, workingDirectory);
}
