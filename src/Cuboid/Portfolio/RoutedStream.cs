using System.Runtime.CompilerServices;

namespace Cuboid.Portfolio;

/// <summary>
/// How every routed stream reaches its caller, whatever its items (Microsoft.Extensions.AI updates from
/// <see cref="PortfolioChatClient"/>, a relayed stream's chunks from <see cref="Relay.ChatRelay"/>): the router's call
/// loop opens a candidate's stream up to its first answer (<see cref="OpenStream{T}.OpenAsync"/>), so failures before
/// that fall over; later items are handed on as they come, with an idle deadline of
/// <see cref="ResilienceSettings.CallTimeoutSeconds"/>; the call is booked once, when the stream ends, is cut (then a
/// <see cref="CuboidException"/> says the answer is incomplete) or is abandoned by the caller. With
/// <see cref="ResilienceSettings.BufferStreams"/> the whole stream is read inside the attempt, so a cut falls over too.
/// </summary>
internal static class RoutedStream
{
    /// <param name="router">The router.</param>
    /// <param name="plan">The candidates, in order.</param>
    /// <param name="run">The run the call reserves from and books to.</param>
    /// <param name="estimate">The request's estimate, for the usage a provider does not report.</param>
    /// <param name="start">Starts one candidate's stream.</param>
    /// <param name="hasAnswer">Whether an item holds part of the answer (not only a role, usage or a finish reason).</param>
    /// <param name="count">Counts an item into the call's tally, and stamps it with the answering model where it carries one.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async IAsyncEnumerable<T> RunAsync<T>(ModelRouter router, RoutePlan plan, RunScope run, RequestEstimate estimate,
        Func<RouteCandidate, CancellationToken, IAsyncEnumerable<T>> start, Func<T, bool> hasAnswer, Action<StreamTally, RouteCandidate, T> count,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var resilience = router.Settings.Resilience;
        var tally = new StreamTally();
        if (resilience.BufferStreams)
        {
            var buffered = await router.Calls.RunAsync(plan, run, async (candidate, token) =>
            {
                var items = new List<T>();
                await foreach (var item in start(candidate, token).ConfigureAwait(false))
                {
                    items.Add(item);
                }

                return items.Exists(i => hasAnswer(i)) ? items : throw new ProviderCallException(candidate.Provider, ProviderFailureKind.BadResponse, "the stream ended before any answer");
            }, cancellationToken).ConfigureAwait(false);
            buffered.Value.ForEach(item => count(tally, buffered.Candidate, item));
            Book(router, plan.Task, buffered, estimate, tally, CallOutcome.Succeeded);
            foreach (var item in buffered.Value)
            {
                yield return item;
            }

            yield break;
        }

        var call = await router.Calls.RunAsync(plan, run, (candidate, token) =>
            OpenStream<T>.OpenAsync(router.Time, candidate, streamToken => start(candidate, streamToken), hasAnswer, token, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var stream = call.Value;
        var booked = false;
        try
        {
            foreach (var item in stream.Prefix)
            {
                count(tally, call.Candidate, item);
                yield return item;
            }

            var idle = TimeSpan.FromSeconds(resilience.CallTimeoutSeconds);
            while (true)
            {
                T? item;
                try
                {
                    item = await stream.NextAsync(idle).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ProviderCallException or HttpRequestException or IOException
                    || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    var why = ex is OperationCanceledException ? $"no update within {resilience.CallTimeoutSeconds:0.###} s" : ex.Message;
                    booked = true;
                    Book(router, plan.Task, call, estimate, tally, CallOutcome.Truncated, why);
                    throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer,
                        $"the stream from {call.Candidate.ModelId} was cut after {tally.Updates} updates ({CallRouter.Shorten(why)}); the partial answer is incomplete; retry, or set resilience.bufferStreams to fall over on cuts",
                        ex);
                }

                if (item is null)
                {
                    break;
                }

                count(tally, call.Candidate, item);
                yield return item;
            }

            booked = true;
            Book(router, plan.Task, call, estimate, tally, CallOutcome.Succeeded);
        }
        finally
        {
            if (!booked)
            {
                Book(router, plan.Task, call, estimate, tally, CallOutcome.Abandoned);
            }

            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Book<TValue>(ModelRouter router, string task, RoutedCall<TValue> call, RequestEstimate estimate, StreamTally tally, CallOutcome outcome, string? error = null) =>
        router.Calls.Complete(task, call, PortfolioChatClient.UsageOf(tally.Usage, call.Candidate.Model, estimate, tally.TextLength), outcome, error);
}
