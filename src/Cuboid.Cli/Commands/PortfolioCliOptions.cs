using System.CommandLine;
using Cuboid.Portfolio;

namespace Cuboid.Cli.Commands;

/// <summary>Options shared by the portfolio commands (<c>models</c>, <c>ask</c>), and loading the portfolio from them.</summary>
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

    public static Cuboid.Portfolio.Portfolio Load(ParseResult parse, Option<FileInfo?> config, Option<FileInfo?> catalog, decimal? budget = null, Microsoft.Extensions.Logging.ILoggerFactory? logging = null) =>
        Cuboid.Portfolio.Portfolio.Load(new PortfolioLoadOptions
        {
            LoggerFactory = logging,
            ConfigPath = parse.GetValue(config)?.FullName,
            CatalogPath = parse.GetValue(catalog)?.FullName,
            Budget = budget,
        });
}
