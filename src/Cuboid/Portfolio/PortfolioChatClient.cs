using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// The router as an <see cref="IChatClient"/> for one task. A <see cref="ChatOptions.ModelId"/> of the form
/// <c>provider:model</c> pins that call to that model. Streams fall over only before their first update reaches
/// the caller, unless <see cref="ResilienceSettings.BufferStreams"/> is set; a stream cut later ends in a
/// <see cref="CuboidException"/>, never in a silently truncated answer. Each call books to <paramref name="boundRun"/>,
/// or when it is null to the run current when the call starts (<see cref="ModelRouter.RunOf"/>). Every response (and
/// every update of a stream) carries the catalog id (<c>provider:model</c>) of the model that answered in its <c>ModelId</c>.
/// </summary>
internal sealed class PortfolioChatClient(ModelRouter router, string task, RouteConstraints constraints, RunScope? boundRun) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("cuboid-portfolio", defaultModelId: task);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = router.RunOf(boundRun);
        var (list, inner, estimate, plan) = Prepare(messages, options, run);
        if (AnswerCheck.From(options) is { } check)
        {
            return await CheckedAnswerAsync(check, list, inner, estimate, plan, run, cancellationToken).ConfigureAwait(false);
        }

        var call = await RouteAsync(plan, run, list, inner, cancellationToken).ConfigureAwait(false);
        return Book(call, estimate, problem: null);
    }

    /// <summary>
    /// Routes until a candidate's answer passes <paramref name="check"/>: a failing answer gets one repair request to
    /// the same model; a second failure rejects that model for this call and the next candidate is asked afresh.
    /// </summary>
    private async Task<ChatResponse> CheckedAnswerAsync(AnswerCheck check, IList<ChatMessage> messages, ChatOptions? options, RequestEstimate estimate, RoutePlan plan, RunScope run, CancellationToken cancellationToken)
    {
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var rejections = new List<string>();
        while (true)
        {
            var remaining = plan with { Candidates = [.. plan.Candidates.Where(c => !rejected.Contains(c.ModelId))] };
            if (remaining.Candidates.Count == 0)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"no model gave a usable answer for task '{task}': {string.Join("; ", rejections)}");
            }

            RoutedCall<ChatResponse> call;
            try
            {
                call = await RouteAsync(remaining, run, messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (CuboidException ex) when (ex.Kind == ErrorKind.Provider && rejections.Count > 0)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"no model gave a usable answer for task '{task}': {string.Join("; ", rejections)}; then {ex.Message}", ex);
            }

            var model = call.Candidate.ModelId;
            var problem = check.FindProblem(call.Value.Text);
            var answer = Book(call, estimate, problem);
            if (problem is null)
            {
                return answer;
            }

            var repair = check.WithRepair(messages, call.Value, problem);
            var repairEstimate = RequestEstimate.ForChat(repair, options, router.Settings.Resilience.DefaultOutputTokens);
            rejected.Add(model);
            try
            {
                var repaired = await RouteAsync(router.PlanForCall(task, constraints.PinnedBy(model), repairEstimate, run), run, repair, options, cancellationToken).ConfigureAwait(false);
                var again = check.FindProblem(repaired.Value.Text);
                answer = Book(repaired, repairEstimate, again);
                if (again is null)
                {
                    return answer;
                }

                rejections.Add($"{model}: {CallRouter.Shorten(again)}, twice");
            }
            catch (CuboidException ex) when (ex.Kind == ErrorKind.Provider)
            {
                rejections.Add($"{model}: {CallRouter.Shorten(problem)}, and the repair failed ({ex.Message})");
            }
        }
    }

    private Task<RoutedCall<ChatResponse>> RouteAsync(RoutePlan plan, RunScope run, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        router.Calls.RunAsync(plan, run, (candidate, token) => AnswerFrom(router, candidate, messages, options, token), cancellationToken);

    /// <summary>One candidate's answer through its provider's client, with the options fitted to the model.</summary>
    internal static async Task<ChatResponse> AnswerFrom(ModelRouter router, RouteCandidate candidate, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var response = await router.Providers.ChatClient(candidate.Model.Ref).GetResponseAsync(messages, StructuredOutput.For(candidate.Model, ForModel(options, candidate.Model)), cancellationToken).ConfigureAwait(false);
        if (response.Messages.Count == 0 || response.Messages.All(m => m.Contents.Count == 0))
        {
            throw new ProviderCallException(candidate.Provider, ProviderFailureKind.BadResponse, "the response had no message");
        }

        return response;
    }

    /// <summary>Books a call that answered: succeeded, or rejected with the caller's <paramref name="problem"/>; stamps the answering model.</summary>
    private ChatResponse Book(RoutedCall<ChatResponse> call, RequestEstimate estimate, string? problem)
    {
        call.Value.ModelId = call.Candidate.ModelId;
        var usage = UsageOf(call.Value.Usage, call.Candidate.Model, estimate, call.Value.Text.Length);
        router.Calls.Complete(task, call, usage, problem is null ? CallOutcome.Succeeded : CallOutcome.Rejected, problem);
        return call.Value;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The run is read in the first MoveNextAsync, where RunChatClient makes its run current.
        var run = router.RunOf(boundRun);
        var (list, inner, estimate, plan) = Prepare(messages, options, run);
        var updates = RoutedStream.RunAsync(router, plan, run, estimate, (candidate, token) => StreamFrom(router, candidate, list, inner, token), StreamTally.HasAnswer,
            static (tally, candidate, update) =>
            {
                update.ModelId = candidate.ModelId;
                tally.Add(update);
            },
            cancellationToken);
        await foreach (var update in updates.ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType.IsInstanceOfType(router) ? router
        : boundRun is not null && serviceType.IsInstanceOfType(boundRun) ? boundRun
        : null;

    public void Dispose()
    {
        // The router owns the provider clients; a routed client holds nothing of its own.
    }

    private (IList<ChatMessage> Messages, ChatOptions? Inner, RequestEstimate Estimate, RoutePlan Plan) Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options, RunScope run)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var routeConstraints = constraints.PinnedBy(options?.ModelId);
        var planned = PlannedCall.From(options);
        var inner = options;
        if (options?.ModelId is not null || planned is not null || AnswerCheck.From(options) is not null)
        {
            // The pin, a plan made by the caller and the answer check are the router's business, not the provider's.
            inner = options!.Clone();
            inner.ModelId = null;
            if (inner.AdditionalProperties is { } extra && (extra.ContainsKey(AnswerCheck.Key) || extra.ContainsKey(PlannedCall.Key)))
            {
                inner.AdditionalProperties = new AdditionalPropertiesDictionary(extra.Where(p => p.Key is not (AnswerCheck.Key or PlannedCall.Key)));
            }
        }

        // A caller that planned this very request already (the gateway, for its budget hold) hands the plan down.
        if (planned?.PlanFor(task, routeConstraints, run.Budget.Limit is not null) is { } handed)
        {
            return (list, inner, handed.Estimate, handed);
        }

        var estimate = RequestEstimate.ForChat(list, options, router.Settings.Resilience.DefaultOutputTokens);
        return (list, inner, estimate, router.PlanForCall(task, routeConstraints, estimate, run));
    }

    /// <summary>
    /// The options one candidate gets: a stated output cap grows by the model's <see cref="CatalogModel.ReasoningTokens"/>,
    /// so a reasoning model's thinking does not use up the answer's room (the reservation counted both).
    /// </summary>
    private static ChatOptions? ForModel(ChatOptions? options, CatalogModel model)
    {
        if (options?.MaxOutputTokens is not { } cap || model.ReasoningTokens is not { } thinking || thinking <= 0)
        {
            return options;
        }

        var widened = options.Clone();
        widened.MaxOutputTokens = cap + thinking;
        return widened;
    }

    /// <summary>One candidate's stream through its provider's client, with the options fitted to the model.</summary>
    internal static IAsyncEnumerable<ChatResponseUpdate> StreamFrom(ModelRouter router, RouteCandidate candidate, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        router.Providers.ChatClient(candidate.Model.Ref).GetStreamingResponseAsync(messages, StructuredOutput.For(candidate.Model, ForModel(options, candidate.Model)), cancellationToken);

    internal static CallUsage UsageOf(UsageDetails? usage, CatalogModel model, RequestEstimate estimate, int outputCharacters)
    {
        if (usage?.InputTokenCount is { } input && usage.OutputTokenCount is { } output)
        {
            return new CallUsage(input, output, Estimated: false, estimate.Images, 0);
        }

        return new CallUsage(
            usage?.InputTokenCount ?? estimate.InputTokensOn(model),
            usage?.OutputTokenCount ?? RequestEstimate.TokensForText(outputCharacters),
            Estimated: true,
            estimate.Images,
            0);
    }
}
