using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// One run (an analysis, a request, a job): its id, its <see cref="RunBudget"/> and its <see cref="UsageLedger"/>. The
/// clients it hands out route through the process-wide <see cref="ModelRouter"/> (shared breakers, latency and provider
/// clients) but reserve from this run's budget and book into this run's ledger only, so concurrent runs never see each
/// other's money. <see cref="MakeCurrent"/> makes it the run of an async flow, for clients resolved without a run
/// (<see cref="ModelRouter.GetChatClient"/>, or keyed clients from dependency injection). Thread-safe.
/// </summary>
public sealed class RunScope
{
    private static readonly AsyncLocal<RunScope?> CurrentRun = new();
    private readonly ModelRouter? _router;

    /// <summary>
    /// A run that is bound to no router: its budget and ledger for work that routes elsewhere (video generation), or
    /// made current (<see cref="MakeCurrent"/>) for any router's clients. <see cref="ModelRouter.BeginRun"/> makes a bound one.
    /// </summary>
    public RunScope(RunOptions? options = null)
        : this(null, options ?? new RunOptions(), options?.Budget)
    {
    }

    internal RunScope(ModelRouter? router, RunOptions options, decimal? limit)
    {
        _router = router;
        Id = options.Id ?? Guid.CreateVersion7().ToString("N");
        Budget = new RunBudget(limit);
        Ledger = new UsageLedger();
    }

    /// <summary>The run of the current async flow, set by <see cref="MakeCurrent"/>; null outside any.</summary>
    public static RunScope? Current => CurrentRun.Value;

    /// <summary>The run's id (given, or a new one), on its ledger records and telemetry.</summary>
    public string Id { get; }

    /// <summary>What the run may spend, has spent and has reserved.</summary>
    public RunBudget Budget { get; }

    /// <summary>Every call of the run: model, tokens, seconds, outcome and dollars.</summary>
    public UsageLedger Ledger { get; }

    /// <summary>The router this run was begun on.</summary>
    public ModelRouter Router => _router ?? throw new InvalidOperationException($"run {Id} is not bound to a router; start it with ModelRouter.BeginRun");

    /// <summary>
    /// Makes this the current run of the calling async flow (and the flows it starts) until the result is disposed,
    /// which restores the run that was current before.
    /// </summary>
    public IDisposable MakeCurrent()
    {
        var previous = CurrentRun.Value;
        CurrentRun.Value = this;
        return new Restore(previous);
    }

    /// <summary>A chat client for a task whose every call is reserved from and booked to this run.</summary>
    public IChatClient GetChatClient(string task, RouteConstraints? constraints = null) =>
        OnlyPinned(constraints, out var pinned)
            ? new RunChatClient(Router.SharedPipeline(task, pinned), this)
            : Router.Pipeline(new PortfolioChatClient(Router, task, constraints!, this));

    /// <summary>A speech-to-text client for the <c>transcribe</c> task, booked to this run.</summary>
    public ISpeechToTextClient GetSpeechToTextClient(RouteConstraints? constraints = null) =>
        OnlyPinned(constraints, out var pinned)
            ? new RunSpeechToTextClient(Router.SharedSpeechToTextPipeline(pinned), this)
            : Router.Pipeline(new PortfolioSpeechToTextClient(Router, constraints!, this));

    /// <summary>
    /// Constraints that at most pin a model share the router's pipeline (a bounded set: tasks times catalog models);
    /// any other constraint gets a pipeline of its own.
    /// </summary>
    private static bool OnlyPinned(RouteConstraints? constraints, out string? pinned)
    {
        pinned = constraints?.PinnedModel;
        return constraints is null || constraints == RouteConstraints.None with { PinnedModel = pinned };
    }

    /// <summary>The router's plan for a task as this run would call it (a run with a budget leaves out unpriced models).</summary>
    public RoutePlan Plan(string task, RouteConstraints? constraints = null, RequestEstimate? estimate = null) =>
        Router.Plan(task, constraints, estimate, this);

    /// <summary>One question (and optionally one image) through the router, for checking a configuration.</summary>
    public async Task<AskAnswer> AskAsync(string question, string? imagePath = null, string? model = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Question, "ask needs a question");
        }

        var message = new ChatMessage(ChatRole.User, question);
        if (imagePath is not null)
        {
            if (!File.Exists(imagePath))
            {
                throw CuboidException.Input(CuboidErrorCodes.InputNotFound, CuboidParameters.Image, $"image not found: {imagePath}");
            }

            var mediaType = Path.GetExtension(imagePath).ToLowerInvariant() switch
            {
                ".png" => "image/png",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".webp" => "image/webp",
                ".gif" => "image/gif",
                _ => throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Image, $"{imagePath}: use a .png, .jpg, .webp or .gif image"),
            };
            message.Contents.Add(new DataContent(await File.ReadAllBytesAsync(imagePath, cancellationToken).ConfigureAwait(false), mediaType));
        }

        var before = Ledger.Records.Count;
        using var client = GetChatClient(ModelTasks.Chat, new RouteConstraints { PinnedModel = model });
        var response = await client.GetResponseAsync([message], cancellationToken: cancellationToken).ConfigureAwait(false);
        var records = Ledger.Records.Skip(before).ToList();
        return new AskAnswer(response.Text, records[^1].ModelId, records);
    }

    private sealed class Restore(RunScope? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                CurrentRun.Value = previous;
            }
        }
    }
}
