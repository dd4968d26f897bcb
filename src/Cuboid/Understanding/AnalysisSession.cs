using Cuboid.Portfolio;
using Cuboid.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Understanding;

/// <summary>
/// The entry point behind <c>cuboid analyze</c>: loads the router (config, catalog, keys), begins a run (budget), opens
/// the cache, and runs (<see cref="RunAsync"/>: <see cref="VideoAnalyzer"/> with the router's clients and a
/// <see cref="FileAnalysisSink"/>) or prices (<see cref="PlanAsync"/>) the analysis. Code that has its own clients calls
/// <see cref="VideoAnalyzer"/> directly.
/// With no usable provider, or offline, it runs without models and says so in <see cref="AnalysisOutcome.NoProviderConfigured"/>.
/// </summary>
public static class AnalysisSession
{
    public static async Task<AnalysisOutcome> RunAsync(AnalyzeOptions options, Action<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Request.Validate();
        var models = LoadModels(options);
        var cache = options.NoCache ? null
            : options.Services?.GetRequiredService<IAnalysisCache>() ?? AnalysisCache.Open(options.CacheDirectory ?? AnalysisCache.DefaultDirectory);
        var analyzer = Analyzer(options);
        // The router's clients are one set of clients among any; the CLI keeps files, cache and run records.
        var outcome = await analyzer.AnalyzeAsync(options.Request, models, new FileAnalysisSink(cache, options.Time), progress, cancellationToken).ConfigureAwait(false);
        return outcome with { NoProviderConfigured = !options.Request.Offline && !HasAnyModel(models) };
    }

    public static Task<DryRunPlan> PlanAsync(AnalyzeOptions options, CancellationToken cancellationToken = default)
    {
        options.Request.Validate();
        var models = LoadModels(options);
        var analyzer = Analyzer(options);

        // A stage with no configured model is priced on the shipped default, so a user without keys still learns the price.
        var complete = models is not null && models.Captioner is not null && models.Transcriber is not null && models.Reasoner is not null;
        var defaults = options.Request.Offline || complete ? null
            : LoadModels(options, router => router.WithEnvironment(new AssumedKeyEnvironment(router.Environment)));
        // The run's own models go in even when none is usable: they know which variables would add a missing stage.
        return analyzer.PlanAsync(options.Request, models, defaults, cancellationToken);
    }

    private static PortfolioAnalysisModels? LoadModels(AnalyzeOptions options, Func<ModelRouter, ModelRouter>? adapt = null)
    {
        // Options are checked the same way in every mode: --offline calls no model, but a bad --budget, --config or
        // --catalog is still the user's mistake, and should not pass silently only to fail on the next online run.
        if (options.Budget is <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.BudgetInvalid, CuboidParameters.Budget, $"{CuboidParameters.Budget} must be a positive number of dollars, e.g. 0.50");
        }

        var router = options.Services?.GetRequiredService<ModelRouter>() ?? LoadRouter(options);
        var run = (adapt?.Invoke(router) ?? router).BeginRun(new RunOptions { Budget = options.Budget });
        return options.Request.Offline ? null : new PortfolioAnalysisModels(run, options.Models);
    }

    private static VideoAnalyzer Analyzer(AnalyzeOptions options) =>
        options is { Media: null, Audio: null, Time: null } && options.Services?.GetService<VideoAnalyzer>() is { } registered ? registered
        : new VideoAnalyzer(options.Media ?? MediaEngineSource.Instance, options.Audio ?? MediaEngineSource.Instance, options.Time, Logger(options));

    private static ModelRouter LoadRouter(AnalyzeOptions options)
    {
        var load = new PortfolioLoadOptions
        {
            ConfigPath = options.ConfigPath,
            CatalogPath = options.CatalogPath,
            WorkingDirectory = options.WorkingDirectory,
            Environment = options.Environment,
            TimeProvider = options.Time,
            LoggerFactory = options.LoggerFactory,
        };
        return options.Adapters is null ? ModelRouter.Load(load) : ModelRouter.Load(load, options.Adapters);
    }

    private static Microsoft.Extensions.Logging.ILogger<VideoAnalyzer>? Logger(AnalyzeOptions options) =>
        options.LoggerFactory is { } factory ? Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<VideoAnalyzer>(factory) : null;

    private static bool HasAnyModel(IAnalysisModels? models) =>
        models is not null && (models.Captioner is not null || models.Transcriber is not null || models.Reasoner is not null);
}
