using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// The models an analysis uses: one client per task, the candidates in the order they would be tried, and the usage
/// totalled per task. <see cref="PortfolioAnalysisModels"/> gives the router's clients (which pick, retry, fall over and
/// enforce the budget) and the ledger; plain clients (<see cref="AnalysisClients"/>) are counted from their responses.
/// A client is null when no model is configured for it.
/// </summary>
public interface IAnalysisModels
{
    /// <summary>The client that captions frames; null skips captioning.</summary>
    IChatClient? Captioner { get; }

    /// <summary>The client that transcribes the audio; null skips transcription.</summary>
    ISpeechToTextClient? Transcriber { get; }

    /// <summary>The client that writes summary and chapters; null skips synthesis.</summary>
    IChatClient? Reasoner { get; }

    /// <summary>
    /// The models the router would try for <paramref name="task"/>, best first (no call made), for a typical call of
    /// the task or, when <paramref name="promptTokens"/> is given, a call with a prompt that long (a cost-aware policy
    /// can rank a long reasoning prompt differently from a short one).
    /// </summary>
    IReadOnlyList<ModelQuote> Candidates(string task, long? promptTokens = null);

    /// <summary>What the calls made so far cost, per task (<see cref="AnalysisTasks"/>), from the usage ledger.</summary>
    IReadOnlyList<StageUsage> Usage();

    /// <summary>Native video rates for the comparison: the published token rates, priced from the catalog where it knows the model.</summary>
    IReadOnlyList<NativeVideoRate> NativeVideoRates() => Understanding.NativeVideoRates.Default;

    /// <summary>The environment variables that would add a provider for <paramref name="task"/> when none is configured; empty otherwise.</summary>
    IReadOnlyList<string> VariablesToEnable(string task) => [];

    /// <summary>The run's budget in dollars (<c>--budget</c> or config), or null for none.</summary>
    decimal? Budget => null;
}
