using Cuboid.Portfolio;
using Cuboid.Portfolio.Relay;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The server's one door into the library's model routing: the process-wide <see cref="ModelRouter"/> (provider
/// clients, circuit breakers and latencies shared by every request), and one <see cref="RunScope"/> per request (its
/// own budget and ledger). Routing, retries, fallback and the books are the library's; nothing here re-implements them.
/// </summary>
public sealed class GatewayModels(ModelRouter router, bool relayChat = true)
{
    /// <summary>The process-wide router, for library entry points that take it (the analysis pipeline).</summary>
    public ModelRouter Router => router;

    public TimeProvider Time => router.Time;

    public ModelCatalog Catalog => router.Catalog;

    /// <summary>
    /// The relay for OpenAI-format chat requests (<see cref="ChatRelay"/>), or null when chat goes through the routed clients
    /// (<see cref="ServerOptions.RelayChat"/> off, or the host added chat middleware).
    /// </summary>
    internal ChatRelay? Relay { get; } = relayChat ? router.ChatRelay : null;

    /// <summary>The tasks some catalog model serves (the catalog is fixed for the router's life, so this is read once).</summary>
    public IReadOnlyList<string> Tasks { get; } = router.Tasks;

    /// <summary>Output tokens reserved for a call that states no cap.</summary>
    public int DefaultOutputTokens => router.Settings.Resilience.DefaultOutputTokens;

    /// <summary>
    /// A request's run: every model call it makes reserves from and books to it. <paramref name="budget"/> caps it (a
    /// key's hold); null leaves the configured <c>budget</c>, if any.
    /// </summary>
    public RunScope BeginRun(decimal? budget) => router.BeginRun(new RunOptions { Budget = budget });

    /// <summary>A routed chat client for a task in a run; a <c>provider:model</c> in <see cref="ChatOptions.ModelId"/> pins the call.</summary>
    public static IChatClient ChatClient(RunScope run, string task) => run.GetChatClient(task);

    public static ISpeechToTextClient SpeechToTextClient(RunScope run, string? pinnedModel) =>
        run.GetSpeechToTextClient(pinnedModel is null ? null : new RouteConstraints { PinnedModel = pinnedModel });

    /// <summary>
    /// The models a call would try, in order, with each one's estimated cost; calls nothing. The request's fast path: why
    /// a model was left out is only written when no candidate is left (the error then names the reasons).
    /// </summary>
    public RoutePlan Plan(string task, string? pinnedModel, RequestEstimate estimate) =>
        router.PlanForCall(task, ConstraintsFor(pinnedModel), estimate, router.DefaultRun);

    /// <summary>
    /// The plan as a call in <paramref name="run"/> would make it: <see cref="Plan"/> without the unpriced models when the run
    /// has a budget (a key's hold), as the routed clients plan.
    /// </summary>
    public RoutePlan PlanIn(RunScope run, RoutePlan plan, string? pinnedModel, RequestEstimate estimate) =>
        run.Budget.Limit is not null && plan.Candidates.Any(c => !c.Priced) ? router.PlanForCall(plan.Task, ConstraintsFor(pinnedModel), estimate, run) : plan;

    /// <summary>The route constraints of a call pinned to <paramref name="pinnedModel"/> (none when null), as <see cref="Plan"/> uses them.</summary>
    public static RouteConstraints ConstraintsFor(string? pinnedModel) =>
        pinnedModel is null ? RouteConstraints.None : new RouteConstraints { PinnedModel = pinnedModel };

    public IReadOnlyList<LeaderboardEntry> Leaderboard(string? task) => router.Leaderboard(task);

    public IReadOnlyList<string> VariablesToEnable(string task) => router.VariablesToEnable(task);
}
