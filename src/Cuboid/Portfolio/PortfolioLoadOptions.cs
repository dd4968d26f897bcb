namespace Cuboid.Portfolio;

/// <summary>Where <see cref="ModelRouter.Load(PortfolioLoadOptions)"/> finds its config and catalog overlay, and overrides of them.</summary>
public sealed record PortfolioLoadOptions
{
    /// <summary>An explicit config file; default <c>cuboid.json</c> here, else <c>~/.config/cuboid/config.json</c>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>An explicit catalog overlay; default <c>~/.config/cuboid/catalog.json</c>.</summary>
    public string? CatalogPath { get; init; }

    /// <summary>The folder searched for <c>cuboid.json</c>; null is the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Overrides the configured rating half-life, in days.</summary>
    public double? HalfLifeDays { get; init; }

    /// <summary>Where provider keys and hosts are read; null is the process environment.</summary>
    public IEnvironmentVariables? Environment { get; init; }

    /// <summary>The router's clock; null is the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the portfolio logs (router, resilience, routed clients); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Middleware for every routed chat client; see <see cref="ModelRouter.ConfigureChatClient"/>.</summary>
    public Action<Microsoft.Extensions.AI.ChatClientBuilder>? ConfigureChatClient { get; init; }

    /// <summary>Middleware for every routed speech-to-text client; see <see cref="ModelRouter.ConfigureSpeechToTextClient"/>.</summary>
    public Action<Microsoft.Extensions.AI.SpeechToTextClientBuilder>? ConfigureSpeechToTextClient { get; init; }
}
