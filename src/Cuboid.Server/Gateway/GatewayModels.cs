using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The server's one door into the library's model portfolio: one portfolio for the whole process (provider clients,
/// circuit breakers and latencies shared by every request), routed clients per task, plans and the leaderboard, and
/// what each request spent, read from the portfolio's ledger. Routing, retries, fallback and the books are the
/// library's; nothing here re-implements them. (When the library splits into a process-wide router and a per-run
/// scope, this file is the one that changes.)
/// </summary>
public sealed class GatewayModels
{
    // The spend of the request in whose async flow a ledger record is written (the ledger raises Recorded there).
    private static readonly AsyncLocal<RequestSpend?> CurrentSpend = new();

    private readonly Cuboid.Portfolio.Portfolio _portfolio;

    public GatewayModels(Cuboid.Portfolio.Portfolio portfolio)
    {
        _portfolio = portfolio;
        _portfolio.Ledger.Recorded += record => CurrentSpend.Value?.Add(record);
    }

    /// <summary>The portfolio from the library config and catalog, as the CLI loads it, with no process-wide budget (keys carry budgets).</summary>
    public static GatewayModels Load(ServerOptions options) =>
        new(Cuboid.Portfolio.Portfolio.Load(new PortfolioLoadOptions { ConfigPath = options.Config, CatalogPath = options.Catalog }));

    public TimeProvider Time => _portfolio.Time;

    public ModelCatalog Catalog => _portfolio.Catalog;

    public IReadOnlyList<string> Tasks => _portfolio.Tasks;

    /// <summary>Output tokens reserved for a call that states no cap.</summary>
    public int DefaultOutputTokens => _portfolio.Settings.Resilience.DefaultOutputTokens;

    /// <summary>A routed chat client for a task; a <c>provider:model</c> in <see cref="ChatOptions.ModelId"/> pins the call.</summary>
    public IChatClient ChatClient(string task) => _portfolio.GetChatClient(task);

    public ISpeechToTextClient SpeechToTextClient(string? pinnedModel) =>
        _portfolio.GetSpeechToTextClient(pinnedModel is null ? null : new RouteConstraints { PinnedModel = pinnedModel });

    /// <summary>The models a call would try, in order, with each one's estimated cost; calls nothing.</summary>
    public RoutePlan Plan(string task, string? pinnedModel, RequestEstimate estimate) =>
        _portfolio.Plan(task, pinnedModel is null ? null : new RouteConstraints { PinnedModel = pinnedModel }, estimate);

    public IReadOnlyList<LeaderboardEntry> Leaderboard(string? task) => _portfolio.Leaderboard(task);

    public IReadOnlyList<string> VariablesToEnable(string task) => _portfolio.VariablesToEnable(task);

    /// <summary>
    /// Starts collecting the ledger records written in the caller's async flow from here on: the models this request
    /// tried, their tokens and dollars. Call it from the request's own flow, before the model call.
    /// </summary>
    public static RequestSpend TrackSpend()
    {
        var spend = new RequestSpend();
        CurrentSpend.Value = spend;
        return spend;
    }
}
