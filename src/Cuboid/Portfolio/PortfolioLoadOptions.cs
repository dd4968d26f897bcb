namespace Cuboid.Portfolio;

/// <summary>Where <see cref="ModelRouter.Load(PortfolioLoadOptions)"/> finds its config and catalog overlay, and overrides of them.</summary>
public sealed record PortfolioLoadOptions
{
    /// <summary>An explicit config file; default <c>cuboid.json</c> here, else <c>~/.config/cuboid/config.json</c>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>An explicit catalog overlay; default <c>~/.config/cuboid/catalog.json</c>.</summary>
    public string? CatalogPath { get; init; }

    public string? WorkingDirectory { get; init; }

    public double? HalfLifeDays { get; init; }

    public IEnvironmentVariables? Environment { get; init; }

    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the portfolio logs (router, resilience, routed clients); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Middleware for every routed chat client; see <see cref="ModelRouter.ConfigureChatClient"/>.</summary>
    public Action<Microsoft.Extensions.AI.ChatClientBuilder>? ConfigureChatClient { get; init; }

    /// <summary>Middleware for every routed speech-to-text client; see <see cref="ModelRouter.ConfigureSpeechToTextClient"/>.</summary>
    public Action<Microsoft.Extensions.AI.SpeechToTextClientBuilder>? ConfigureSpeechToTextClient { get; init; }
}
