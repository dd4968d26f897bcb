using Cuboid.DependencyInjection;

namespace Microsoft.Extensions.Configuration;

/// <summary>Cuboid's configuration sources for hosts that build their own <see cref="IConfiguration"/>.</summary>
public static class CuboidConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds the config file (<paramref name="configPath"/>, which must exist, else <c>cuboid.json</c> in
    /// <paramref name="workingDirectory"/>, else <c>~/.config/cuboid/config.json</c>) as the <c>Cuboid</c> section, then the
    /// environment variables, which carry the provider keys (<c>OPENAI_API_KEY</c>...) and may override any setting
    /// (<c>Cuboid__Budget=2</c>). Reading a broken file throws a <see cref="Cuboid.CuboidException"/> naming the setting.
    /// </summary>
    public static IConfigurationBuilder AddCuboidConfiguration(this IConfigurationBuilder builder, string? configPath = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(new CuboidFileConfigurationSource(configPath, workingDirectory ?? Directory.GetCurrentDirectory()));
        return builder.AddEnvironmentVariables();
    }
}
