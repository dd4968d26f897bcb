using System.CommandLine;
using Cuboid.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Cli.Commands;

/// <summary>Options shared by the portfolio commands (<c>models</c>, <c>ask</c>, <c>analyze</c>), and the container they name.</summary>
internal static class PortfolioCliOptions
{
    public static Option<FileInfo?> Config() => new("--config")
    {
        Description = "Config file (default: ./cuboid.json, else ~/.config/cuboid/config.json)",
    };

    public static Option<FileInfo?> Catalog() => new("--catalog")
    {
        Description = "Catalog overlay merged over the shipped catalog (default: ~/.config/cuboid/catalog.json)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table" };

    public static RoutingPolicy? ParsePolicy(string? value) =>
        value is null ? null
        : Enum.TryParse<RoutingPolicy>(value, ignoreCase: true, out var policy) && !int.TryParse(value, out _) ? policy
        : throw CuboidException.Usage($"--policy '{value}' is not a policy; use quality, cost, balanced or latency");

    /// <summary>The configuration key <c>--catalog</c> sets (the config file's <c>catalog</c>).</summary>
    public const string CatalogKey = $"{CuboidServiceCollectionExtensions.SectionName}:{nameof(PortfolioSettings.Catalog)}";

    /// <summary>The command's container: <c>--config</c> (else cuboid.json) and the environment, with <c>--catalog</c> over the config's catalog.</summary>
    public static ServiceProvider Services(ParseResult parse, Option<FileInfo?> config, Option<FileInfo?> catalog) =>
        Services(parse.GetValue(config)?.FullName, parse.GetValue(catalog)?.FullName);

    /// <summary>As above, with the paths as the command words them in its messages, and more configuration keys.</summary>
    public static ServiceProvider Services(string? configPath, string? catalogPath, params KeyValuePair<string, string?>[] overrides) =>
        CliServices.Create(configPath, [new(CatalogKey, catalogPath), .. overrides]);
}
