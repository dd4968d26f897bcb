using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;

namespace Cuboid.Understanding;

/// <summary>Everything a host (the CLI, a server, a test) says about one analysis, beyond the request itself.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>The analysis itself: the video, the sampling, the formats.</summary>
    public required AnalyzeRequest Request { get; init; }

    /// <summary>Models pinned or policies set per stage; unset stages take the router's choice.</summary>
    public AnalysisModelChoices Models { get; init; } = new();

    /// <summary>Dollars the run may spend; calls that would exceed it are refused and the report is partial.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Folder of the SQLite cache; default <see cref="Storage.AnalysisCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Run without the cache (nothing read or written).</summary>
    public bool NoCache { get; init; }

    /// <summary>An explicit config file (default: <c>cuboid.json</c> here, else the user's config).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>A catalog overlay merged over the shipped catalog (default: the config's <c>catalog</c>, else <c>~/.config/cuboid/catalog.json</c>).</summary>
    public string? CatalogPath { get; init; }

    /// <summary>The folder searched for <c>cuboid.json</c>; null is the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where provider keys and hosts are read; null is the process environment.</summary>
    public IEnvironmentVariables? Environment { get; init; }

    /// <summary>The clock for the run's timestamps, decay and retries; null is the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Where the analyzer and the portfolio log (stages, routing, retries); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// A container set up by <c>AddCuboid</c> (the CLI's, a host's): the router and the cache come from it, and
    /// <see cref="ConfigPath"/>, <see cref="CatalogPath"/>, <see cref="CacheDirectory"/>, <see cref="Environment"/> and
    /// <see cref="Adapters"/> are not used. Nothing is resolved before the request and the budget are checked.
    /// </summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Provider adapters; default the built-in OpenAI-compatible, Anthropic and Ollama ones.</summary>
    public IReadOnlyList<IProviderAdapter>? Adapters { get; init; }

    /// <summary>The media engine; default ffmpeg through <c>Cuboid.Media</c>.</summary>
    public IVideoAnalysisSource? Media { get; init; }

    /// <summary>The audio side of the media engine; default ffmpeg through <c>Cuboid.Media</c>.</summary>
    public IAudioSource? Audio { get; init; }
}
