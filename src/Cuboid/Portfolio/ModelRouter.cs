using System.Collections.Concurrent;
using Cuboid.Diagnostics;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cuboid.Portfolio;

/// <summary>
/// The process-wide model router: the catalog, decaying ratings, the providers usable here, their clients, the
/// resilience pipelines and circuit breakers per provider and model, and latency statistics. One serves every run
/// of a process; each run's money and books live in its <see cref="RunScope"/> (<see cref="BeginRun"/>). Every model
/// call in Cuboid goes through the clients it hands out (<see cref="GetChatClient"/>, <see cref="GetSpeechToTextClient"/>,
/// or the same on a <see cref="RunScope"/>), which are ordinary Microsoft.Extensions.AI clients that pick, retry, fall
/// over and keep the books of their run. Thread-safe.
/// </summary>
public sealed class ModelRouter : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// <see cref="SpeechToTextOptions.AdditionalProperties"/> key for the audio's length in seconds; give it when the
    /// audio is not a WAV, so the transcription is priced and budgeted from the real length.
    /// </summary>
    public const string AudioSecondsKey = PortfolioSpeechToTextClient.AudioSecondsKey;

    private readonly RoutePlanner _planner;
    private readonly IReadOnlyList<IProviderAdapter> _adapters;
    private readonly bool _telemetry;

    // One routed pipeline per task and pinned model (bounded by the catalog), shared by every run: see RunChatClient.
    private readonly ConcurrentDictionary<(string Task, string? Pinned), IChatClient> _sharedChat = new();
    private readonly ConcurrentDictionary<string, ISpeechToTextClient> _sharedSpeech = new(StringComparer.Ordinal);

    /// <summary>A router over <paramref name="catalog"/> and <paramref name="settings"/> (validated here) that reaches providers through <paramref name="adapters"/>, reads keys from <paramref name="environment"/> (default the process environment), keeps time with <paramref name="timeProvider"/> and logs to <paramref name="loggerFactory"/> (null logs nothing).</summary>
    public ModelRouter(ModelCatalog catalog, PortfolioSettings settings, IEnumerable<IProviderAdapter> adapters, IEnvironmentVariables? environment = null, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(catalog, settings, adapters, environment, timeProvider, loggerFactory, telemetry: true)
    {
    }

    /// <summary>
    /// <paramref name="telemetry"/> false leaves out Polly's telemetry and the routed clients' middleware: the baseline the
    /// router-overhead benchmark measures telemetry against. (Spans, metrics and logs cost one check each without listeners.)
    /// </summary>
    internal ModelRouter(ModelCatalog catalog, PortfolioSettings settings, IEnumerable<IProviderAdapter> adapters, IEnvironmentVariables? environment, TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory, bool telemetry)
    {
        _telemetry = telemetry;
        settings.Validate();
        settings.ValidateAgainst(catalog);
        Catalog = catalog;
        Settings = settings;
        Time = timeProvider ?? TimeProvider.System;
        Environment = environment ?? ProcessEnvironment.Instance;
        _adapters = [.. adapters];
        Decay = new RatingDecay(settings.HalfLife, Time, settings.PriorPercentile);
        Providers = new ProviderDirectory(catalog, settings, Environment, _adapters);
        Latency = new LatencyTracker();
        LoggerFactory = loggerFactory;
        Resilience = new ProviderResilience(settings.Resilience, Time, loggerFactory: loggerFactory, telemetry: telemetry);
        _planner = new RoutePlanner(catalog, Decay, Providers, settings, Latency);
        Calls = new CallRouter(Providers, Resilience, Latency, Time, settings.Resilience, loggerFactory?.CreateLogger<CallRouter>());
        DefaultRun = new RunScope(this, new RunOptions { Id = "default" }, limit: null);
    }

    /// <summary>The catalog the router routes over.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The settings (policies, pins, budget, resilience) the router was built with.</summary>
    public PortfolioSettings Settings { get; }

    /// <summary>How ratings lose weight with age (the configured half-life).</summary>
    public RatingDecay Decay { get; }

    /// <summary>The router's clock (for decay, retries, breakers and timeouts).</summary>
    public TimeProvider Time { get; }

    /// <summary>Where provider keys and hosts are read (the process environment, or configuration through dependency injection).</summary>
    public IEnvironmentVariables Environment { get; }

    /// <summary>Where the router, its resilience pipelines and the routed clients log; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; }

    /// <summary>
    /// Middleware for every routed chat client (<see cref="GetChatClient"/>, <see cref="RunScope.GetChatClient"/>), applied
    /// after Cuboid's own (<see cref="OpenTelemetryChatClient"/> on source <c>Cuboid</c>, and <see cref="LoggingChatClient"/>
    /// when a logger factory is given): e.g. <c>builder => builder.UseDistributedCache(cache)</c>.
    /// </summary>
    public Action<ChatClientBuilder>? ConfigureChatClient { get; init; }

    /// <summary>
    /// Middleware for every routed speech-to-text client (<see cref="GetSpeechToTextClient"/>, <see cref="RunScope.GetSpeechToTextClient"/>),
    /// applied after Cuboid's own (<see cref="OpenTelemetrySpeechToTextClient"/> on source <c>Cuboid</c>, and
    /// <see cref="LoggingSpeechToTextClient"/> when a logger factory is given).
    /// </summary>
    public Action<SpeechToTextClientBuilder>? ConfigureSpeechToTextClient { get; init; }

    /// <summary>Every provider known from the catalog and config, and whether it is usable here.</summary>
    public IReadOnlyList<ProviderStatus> ProviderStatuses => Providers.All;

    internal ProviderDirectory Providers { get; }

    internal LatencyTracker Latency { get; }

    internal ProviderResilience Resilience { get; }

    internal CallRouter Calls { get; }

    /// <summary>
    /// Routes chat requests that arrive in OpenAI's wire format without converting them (the gateway's chat endpoint); null
    /// when <see cref="ConfigureChatClient"/> adds middleware, which must see every call, so those go through the routed clients.
    /// </summary>
    internal Relay.ChatRelay? ChatRelay => ConfigureChatClient is null ? _chatRelay ??= new Relay.ChatRelay(this) : null;

    private Relay.ChatRelay? _chatRelay;

    /// <summary>
    /// The run of calls made outside any run: through this router's own clients when no <see cref="RunScope.Current"/>
    /// is set. It has no budget; its ledger grows for the life of the router.
    /// </summary>
    public RunScope DefaultRun { get; }

    /// <summary>
    /// Starts a run: its own id, budget (<see cref="RunOptions.Budget"/>, else the configured <c>budget</c>) and usage
    /// ledger, shared by every client it hands out. Runs are cheap; breakers, latency and provider clients stay with the router.
    /// </summary>
    public RunScope BeginRun(RunOptions? options = null)
    {
        options ??= new RunOptions();
        return new RunScope(this, options, options.Budget ?? Settings.Budget);
    }

    /// <summary>
    /// Disposes the provider clients this router made (SDK clients and their HTTP clients); a call after that throws
    /// <see cref="ObjectDisposedException"/>. A container that registered the router (<c>AddCuboid</c>) does this when it is disposed.
    /// </summary>
    public void Dispose() => Providers.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The run a call without a bound run books to: the current run of this async flow, else <see cref="DefaultRun"/>.</summary>
    internal RunScope RunOf(RunScope? bound) => bound ?? RunScope.Current ?? DefaultRun;

    /// <summary>Loads the config, the shipped catalog and the user's overlay, and builds the router over the built-in adapters.</summary>
    public static ModelRouter Load(PortfolioLoadOptions options) => Load(options, BuiltInAdapters(options.TimeProvider));

    /// <summary>The built-in OpenAI-compatible, Anthropic and Ollama adapters, on <paramref name="time"/>.</summary>
    public static IReadOnlyList<IProviderAdapter> BuiltInAdapters(TimeProvider? time = null)
    {
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions { TimeProvider = time ?? TimeProvider.System });
        return [.. adapters.ApiKinds.Select(adapters.Get)];
    }

    /// <summary>Loads the config, the shipped catalog and the user's overlay, and builds the router.</summary>
    public static ModelRouter Load(PortfolioLoadOptions options, IEnumerable<IProviderAdapter> adapters)
    {
        var environment = options.Environment ?? ProcessEnvironment.Instance;
        var settings = PortfolioSettings.Load(options.ConfigPath, options.WorkingDirectory ?? Directory.GetCurrentDirectory(), environment);
        if (options.HalfLifeDays is { } days)
        {
            settings = settings with { HalfLifeDays = days };
        }

        var catalog = LoadCatalog(options.CatalogPath ?? settings.Catalog, environment);
        return new ModelRouter(catalog, settings, adapters, environment, options.TimeProvider, options.LoggerFactory)
        {
            ConfigureChatClient = options.ConfigureChatClient,
            ConfigureSpeechToTextClient = options.ConfigureSpeechToTextClient,
        };
    }

    /// <summary>
    /// A separate router over the same catalog, settings, adapters and clock that reads keys and hosts from
    /// <paramref name="environment"/> (e.g. one assuming every key, to price a plan); it shares no breakers or clients.
    /// </summary>
    public ModelRouter WithEnvironment(IEnvironmentVariables environment) => new(Catalog, Settings, _adapters, environment, Time);

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

    /// <summary>Where a user's catalog overlay is looked for: <c>catalog.json</c> in the user's config folder (<c>$XDG_CONFIG_HOME/cuboid</c>, else <c>~/.config/cuboid</c>).</summary>
    public static string DefaultOverlayPath(IEnvironmentVariables environment) =>
        Path.Combine(PortfolioSettings.UserConfigDirectory(environment), "catalog.json");

    /// <summary>
    /// A chat client for a task (<see cref="ModelTasks"/>): each call is routed, retried, failed over, budgeted and booked
    /// in the current run of its async flow (<see cref="RunScope.Current"/>), else in <see cref="DefaultRun"/>.
    /// It is built with a <see cref="ChatClientBuilder"/> (<see cref="Pipeline(IChatClient)"/>).
    /// </summary>
    public IChatClient GetChatClient(string task, RouteConstraints? constraints = null) =>
        Pipeline(new PortfolioChatClient(this, task, constraints ?? RouteConstraints.None, boundRun: null));

    /// <summary>
    /// A routed client as handed out: through a <see cref="ChatClientBuilder"/> with OpenTelemetry (source <c>Cuboid</c>,
    /// no cost without a listener), logging when a logger factory is set, then <see cref="ConfigureChatClient"/>.
    /// </summary>
    internal IChatClient Pipeline(IChatClient routed)
    {
        if (!_telemetry)
        {
            return routed;
        }

        var builder = new ChatClientBuilder(routed).UseOpenTelemetry(LoggerFactory, CuboidDiagnostics.Name);
        if (LoggerFactory is not null)
        {
            builder.UseLogging(LoggerFactory);
        }

        ConfigureChatClient?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// The one routed pipeline for <paramref name="task"/> (pinned to <paramref name="pinnedModel"/> when given) that every
    /// run's client shares (<see cref="RunChatClient"/>); its calls book into the current run.
    /// </summary>
    internal IChatClient SharedPipeline(string task, string? pinnedModel) =>
        _sharedChat.GetOrAdd((task, pinnedModel), static (key, router) => router.Pipeline(new PortfolioChatClient(router, key.Task,
            key.Pinned is null ? RouteConstraints.None : new RouteConstraints { PinnedModel = key.Pinned }, boundRun: null)), this);

    /// <summary>The speech-to-text counterpart of <see cref="SharedPipeline(string, string?)"/>.</summary>
    internal ISpeechToTextClient SharedSpeechToTextPipeline(string? pinnedModel) =>
        _sharedSpeech.GetOrAdd(pinnedModel ?? string.Empty, static (pinned, router) => router.Pipeline(new PortfolioSpeechToTextClient(router,
            pinned.Length == 0 ? RouteConstraints.None : new RouteConstraints { PinnedModel = pinned }, boundRun: null)), this);

    /// <summary>
    /// A speech-to-text client for the <c>transcribe</c> task, booking like <see cref="GetChatClient"/>. It is built with a
    /// <see cref="SpeechToTextClientBuilder"/> the same way (<see cref="ConfigureSpeechToTextClient"/>).
    /// </summary>
    public ISpeechToTextClient GetSpeechToTextClient(RouteConstraints? constraints = null) =>
        Pipeline(new PortfolioSpeechToTextClient(this, constraints ?? RouteConstraints.None, boundRun: null));

    /// <summary>A routed speech-to-text client as handed out: the same middleware as <see cref="Pipeline(IChatClient)"/>, then <see cref="ConfigureSpeechToTextClient"/>.</summary>
    internal ISpeechToTextClient Pipeline(ISpeechToTextClient routed)
    {
        if (!_telemetry)
        {
            return routed;
        }

        var builder = new SpeechToTextClientBuilder(routed).UseOpenTelemetry(LoggerFactory, CuboidDiagnostics.Name);
        if (LoggerFactory is not null)
        {
            builder.UseLogging(LoggerFactory);
        }

        ConfigureSpeechToTextClient?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// The models the router would try for a task, in order, with context windows, prices and the estimated
    /// cost of the described request, without calling any of them. Use it to plan map-reduce and to price dry runs.
    /// A run with a budget (<paramref name="run"/>, else the current run) leaves out models without a price.
    /// </summary>
    public RoutePlan Plan(string task, RouteConstraints? constraints = null, RequestEstimate? estimate = null, RunScope? run = null) =>
        _planner.Plan(task, constraints ?? RouteConstraints.None, estimate ?? RequestEstimate.Nominal, RunOf(run).Budget.Limit is not null, explain: true);

    /// <summary>The plan for a call: without explanations (the fast path), except when nothing is left and the error must say why.</summary>
    internal RoutePlan PlanForCall(string task, RouteConstraints constraints, RequestEstimate estimate, RunScope run)
    {
        var budgeted = run.Budget.Limit is not null;
        var plan = _planner.Plan(task, constraints, estimate, budgeted, explain: false);
        return plan.Candidates.Count > 0 ? plan : _planner.Plan(task, constraints, estimate, budgeted, explain: true);
    }

    /// <summary>Estimated dollars of a request on one catalog model (catalog prices; 0 when unpriced).</summary>
    public decimal EstimateCost(string modelId, RequestEstimate estimate)
    {
        var model = Catalog.FindModel(modelId) ?? throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Model, $"unknown model '{modelId}'; see 'cuboid models'");
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
        CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Task, $"no model in the catalog serves task '{task}'; tasks: {string.Join(", ", Tasks)}");

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
}
