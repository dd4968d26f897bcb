using Cuboid.Diagnostics;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cuboid.Portfolio;

/// <summary>
/// The model portfolio of one run: the catalog, decaying ratings, the providers usable here, the router,
/// the budget and the usage ledger. Every model call in Cuboid goes through the clients it hands out
/// (<see cref="GetChatClient"/>, <see cref="GetSpeechToTextClient"/>), which are ordinary
/// Microsoft.Extensions.AI clients that pick, retry, fall over and keep the books.
/// </summary>
public sealed class Portfolio
{
    /// <summary>
    /// <see cref="SpeechToTextOptions.AdditionalProperties"/> key for the audio's length in seconds; give it when the
    /// audio is not a WAV, so the transcription is priced and budgeted from the real length.
    /// </summary>
    public const string AudioSecondsKey = PortfolioSpeechToTextClient.AudioSecondsKey;

    /// <summary>
    /// <c>AdditionalProperties</c> key on every routed <see cref="ChatResponse"/> and <see cref="SpeechToTextResponse"/>
    /// (and on the first update of a routed stream): the catalog id (<c>provider:model</c>) of the model that answered.
    /// </summary>
    public const string AnsweredByKey = "cuboid.modelId";

    private readonly RoutePlanner _planner;
    private readonly bool _telemetry;

    public Portfolio(ModelCatalog catalog, PortfolioSettings settings, IEnumerable<IProviderAdapter> adapters, IEnvironmentVariables? environment = null, TimeProvider? timeProvider = null, decimal? budget = null,
        ILoggerFactory? loggerFactory = null)
        : this(catalog, settings, adapters, environment, timeProvider, budget, loggerFactory, telemetry: true)
    {
    }

    /// <summary>
    /// <paramref name="telemetry"/> false leaves out Polly's telemetry and the routed clients' middleware: the baseline the
    /// router-overhead benchmark measures telemetry against. (Spans, metrics and logs cost one check each without listeners.)
    /// </summary>
    internal Portfolio(ModelCatalog catalog, PortfolioSettings settings, IEnumerable<IProviderAdapter> adapters, IEnvironmentVariables? environment, TimeProvider? timeProvider, decimal? budget,
        ILoggerFactory? loggerFactory, bool telemetry)
    {
        _telemetry = telemetry;
        settings.Validate();
        settings.ValidateAgainst(catalog);
        Catalog = catalog;
        Settings = settings;
        Time = timeProvider ?? TimeProvider.System;
        Decay = new RatingDecay(settings.HalfLife, Time, settings.PriorPercentile);
        Budget = new RunBudget(budget ?? settings.Budget);
        Ledger = new UsageLedger();
        Providers = new ProviderDirectory(catalog, settings, environment ?? ProcessEnvironment.Instance, adapters);
        Latency = new LatencyTracker();
        LoggerFactory = loggerFactory;
        Resilience = new ProviderResilience(settings.Resilience, Time, loggerFactory: loggerFactory, telemetry: telemetry);
        _planner = new RoutePlanner(catalog, Decay, Providers, settings, Latency);
        Router = new CallRouter(Providers, Resilience, Budget, Ledger, Latency, Time, settings.Resilience, loggerFactory?.CreateLogger<CallRouter>());
    }

    public ModelCatalog Catalog { get; }

    public PortfolioSettings Settings { get; }

    public RatingDecay Decay { get; }

    public RunBudget Budget { get; }

    public UsageLedger Ledger { get; }

    public TimeProvider Time { get; }

    /// <summary>Where the router, its resilience pipelines and the routed clients log; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; }

    /// <summary>
    /// Middleware for every routed chat client (<see cref="GetChatClient"/>), applied after Cuboid's own
    /// (<see cref="OpenTelemetryChatClient"/> on source <c>Cuboid</c>, and <see cref="LoggingChatClient"/> when a
    /// logger factory is given): e.g. <c>builder => builder.UseDistributedCache(cache)</c>.
    /// </summary>
    public Action<ChatClientBuilder>? ConfigureChatClient { get; init; }

    /// <summary>Every provider known from the catalog and config, and whether it is usable here.</summary>
    public IReadOnlyList<ProviderStatus> ProviderStatuses => Providers.All;

    internal ProviderDirectory Providers { get; }

    internal LatencyTracker Latency { get; }

    internal ProviderResilience Resilience { get; }

    internal CallRouter Router { get; }

    /// <summary>Loads the config, the shipped catalog and the user's overlay, and builds the portfolio of a run over the built-in adapters.</summary>
    public static Portfolio Load(PortfolioLoadOptions options)
    {
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions { TimeProvider = options.TimeProvider ?? TimeProvider.System });
        return Load(options, adapters.ApiKinds.Select(adapters.Get));
    }

    /// <summary>Loads the config, the shipped catalog and the user's overlay, and builds the portfolio of a run.</summary>
    public static Portfolio Load(PortfolioLoadOptions options, IEnumerable<IProviderAdapter> adapters)
    {
        var environment = options.Environment ?? ProcessEnvironment.Instance;
        var settings = PortfolioSettings.Load(options.ConfigPath, options.WorkingDirectory ?? Directory.GetCurrentDirectory(), environment);
        if (options.HalfLifeDays is { } days)
        {
            settings = settings with { HalfLifeDays = days };
        }

        var catalog = LoadCatalog(options.CatalogPath ?? settings.Catalog, environment);
        return new Portfolio(catalog, settings, adapters, environment, options.TimeProvider, options.Budget, options.LoggerFactory)
        {
            ConfigureChatClient = options.ConfigureChatClient,
        };
    }

    /// <summary>The shipped catalog merged with an overlay: the named file (which must exist), else <c>~/.config/cuboid/catalog.json</c> if present.</summary>
    public static ModelCatalog LoadCatalog(string? overlayPath, IEnvironmentVariables environment)
    {
        var catalog = ModelCatalog.Shipped();
        var path = overlayPath ?? DefaultOverlayPath(environment);
        if (overlayPath is not null || File.Exists(path))
        {
            catalog = catalog.MergedWith(ModelCatalog.Load(path));
        }

        return catalog;
    }

    public static string DefaultOverlayPath(IEnvironmentVariables environment) =>
        Path.Combine(PortfolioSettings.UserConfigDirectory(environment), "catalog.json");

    /// <summary>
    /// A chat client for a task (<see cref="ModelTasks"/>): each call is routed, retried, failed over, budgeted and booked.
    /// It is built with a <see cref="ChatClientBuilder"/>: OpenTelemetry (source <c>Cuboid</c>, no cost without a
    /// listener), logging when a logger factory is set, then <see cref="ConfigureChatClient"/>.
    /// </summary>
    public IChatClient GetChatClient(string task, RouteConstraints? constraints = null)
    {
        var routed = new PortfolioChatClient(this, task, constraints ?? RouteConstraints.None);
        if (!_telemetry)
        {
            return routed;
        }

        var builder = new ChatClientBuilder(routed)
            .UseOpenTelemetry(LoggerFactory, CuboidDiagnostics.Name);
        if (LoggerFactory is not null)
        {
            builder.UseLogging(LoggerFactory);
        }

        ConfigureChatClient?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>A speech-to-text client for the <c>transcribe</c> task.</summary>
    public ISpeechToTextClient GetSpeechToTextClient(RouteConstraints? constraints = null) =>
        new PortfolioSpeechToTextClient(this, constraints ?? RouteConstraints.None);

    /// <summary>
    /// The models the router would try for a task, in order, with context windows, prices and the estimated
    /// cost of the described request, without calling any of them. Use it to plan map-reduce and to price dry runs.
    /// </summary>
    public RoutePlan Plan(string task, RouteConstraints? constraints = null, RequestEstimate? estimate = null) =>
        _planner.Plan(task, constraints ?? RouteConstraints.None, estimate ?? RequestEstimate.Nominal, Budget.Limit is not null, explain: true);

    /// <summary>The plan for a call: without explanations (the fast path), except when nothing is left and the error must say why.</summary>
    internal RoutePlan PlanForCall(string task, RouteConstraints constraints, RequestEstimate estimate)
    {
        var plan = _planner.Plan(task, constraints, estimate, Budget.Limit is not null, explain: false);
        return plan.Candidates.Count > 0 ? plan : _planner.Plan(task, constraints, estimate, Budget.Limit is not null, explain: true);
    }

    /// <summary>Estimated dollars of a request on one catalog model (catalog prices; 0 when unpriced).</summary>
    public decimal EstimateCost(string modelId, RequestEstimate estimate)
    {
        var model = Catalog.FindModel(modelId) ?? throw CuboidException.Usage($"unknown model '{modelId}'; see 'cuboid models'");
        return CallPricer.Estimate(model, estimate);
    }

    /// <summary>
    /// The environment variables that would add a provider for <paramref name="task"/> (in catalog order), e.g.
    /// <c>OPENAI_API_KEY, GEMINI_API_KEY, GROQ_API_KEY</c> for <c>transcribe</c>; empty when a configured provider serves it.
    /// </summary>
    public IReadOnlyList<string> VariablesToEnable(string task)
    {
        var today = Decay.Today;
        var serving = Catalog.Models.Where(m => m.Serves(task) && !m.IsRetired(today)).Select(m => m.Provider).Distinct(StringComparer.Ordinal).ToList();
        return serving.Any(p => Providers.Status(p)?.Configured == true)
            ? []
            : [.. serving.Select(Providers.EnablingVariable).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The tasks some catalog model serves, sorted.</summary>
    public IReadOnlyList<string> Tasks => [.. Catalog.Models.SelectMany(m => m.Tasks ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The usage error for a task no catalog model serves, naming the tasks that exist.</summary>
    public CuboidException UnknownTask(string task) =>
        CuboidException.Usage($"no model in the catalog serves task '{task}'; tasks: {string.Join(", ", Tasks)}");

    /// <summary>The leaderboard for one task, or every task: raw and decayed ratings, age, prices, and whether each is usable here.</summary>
    public IReadOnlyList<LeaderboardEntry> Leaderboard(string? task = null)
    {
        var today = Decay.Today;
        IReadOnlyList<string> tasks = task is not null ? [task] : Tasks;
        var entries = new List<LeaderboardEntry>();
        foreach (var t in tasks)
        {
            foreach (var standing in Decay.StandAll(Catalog.Models, t).OrderByDescending(s => s.EffectiveRating))
            {
                var model = Catalog.FindModel(standing.ModelId)!;
                var why = model.ShutDown is { } s && s <= today ? $"shut down on {s:yyyy-MM-dd}"
                    : model.Deprecated is { } d && d <= today ? $"deprecated on {d:yyyy-MM-dd}"
                    : Providers.WhyNotUsable(model.Provider);
                entries.Add(new LeaderboardEntry(t, model.Id, standing.RawRating, standing.EffectiveRating, standing.AgeDays, standing.Source,
                    model.Prices, model.ContextWindow, why is null, why ?? Providers.Status(model.Provider)?.Reason ?? string.Empty));
            }
        }

        return entries;
    }

    /// <summary>One question (and optionally one image) through the router, for checking a configuration.</summary>
    public async Task<AskAnswer> AskAsync(string question, string? imagePath = null, string? model = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw CuboidException.Usage("ask needs a question");
        }

        var message = new ChatMessage(ChatRole.User, question);
        if (imagePath is not null)
        {
            if (!File.Exists(imagePath))
            {
                throw CuboidException.Input($"image not found: {imagePath}");
            }

            var mediaType = Path.GetExtension(imagePath).ToLowerInvariant() switch
            {
                ".png" => "image/png",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".webp" => "image/webp",
                ".gif" => "image/gif",
                _ => throw CuboidException.Input($"{imagePath}: use a .png, .jpg, .webp or .gif image"),
            };
            message.Contents.Add(new DataContent(await File.ReadAllBytesAsync(imagePath, cancellationToken), mediaType));
        }

        var before = Ledger.Records.Count;
        var client = GetChatClient(ModelTasks.Chat, new RouteConstraints { PinnedModel = model });
        var response = await client.GetResponseAsync([message], cancellationToken: cancellationToken);
        var records = Ledger.Records.Skip(before).ToList();
        return new AskAnswer(response.Text, records[^1].ModelId, records);
    }
}
