using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The server's one door into the library's model routing: the process-wide <see cref="ModelRouter"/> (provider
/// clients, circuit breakers and latencies shared by every request), and one <see cref="RunScope"/> per request (its
/// own budget and ledger). Routing, retries, fallback and the books are the library's; nothing here re-implements them.
/// </summary>
public sealed class GatewayModels(ModelRouter router)
{
    /// <summary>The process-wide router, for library entry points that take it (the analysis pipeline).</summary>
    public ModelRouter Router => router;

    public TimeProvider Time => router.Time;

    public ModelCatalog Catalog => router.Catalog;

    public IReadOnlyList<string> Tasks => router.Tasks;

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

    /// <summary>The models a call would try, in order, with each one's estimated cost; calls nothing.</summary>
    public RoutePlan Plan(string task, string? pinnedModel, RequestEstimate estimate) =>
        router.Plan(task, pinnedModel is null ? null : new RouteConstraints { PinnedModel = pinnedModel }, estimate, router.DefaultRun);

    public IReadOnlyList<LeaderboardEntry> Leaderboard(string? task) => router.Leaderboard(task);

    public IReadOnlyList<string> VariablesToEnable(string task) => router.VariablesToEnable(task);
}
