using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// Routes a chat request that arrived in OpenAI's wire format (the gateway's <c>/v1/chat/completions</c>) without taking
/// it apart: a model on an OpenAI-protocol provider is sent the caller's JSON with only the model, the output cap, the
/// response format and the stream's usage option fitted to it (<see cref="WireRequest"/>), and its answer comes back as
/// the provider's JSON (<see cref="WireAnswer"/>). A model on another protocol is called through its adapter with the
/// request read into Microsoft.Extensions.AI types, in the same plan. Everything else is the router's, as for every
/// routed call (<see cref="PortfolioChatClient"/>): the call loop with retries, breakers, fallback and budget
/// reservations, the provider failures, the books, the spans, and streams that fall over only before their first
/// answer and end in a <see cref="CuboidException"/> when cut later. What it saves is the OpenAI SDK's and
/// Microsoft.Extensions.AI's conversions of every request, answer and stream chunk.
/// </summary>
internal sealed class ChatRelay(ModelRouter router)
{
    /// <summary>Whether <paramref name="candidate"/> is sent the caller's JSON (its provider speaks the OpenAI protocol through the built-in adapter).</summary>
    public bool Relays(RouteCandidate candidate) => router.Providers.WireEndpoint(candidate.Provider) is not null;

    /// <summary>Whether some model of <paramref name="plan"/> speaks another protocol, so the request must also be read into <see cref="RelayRequest.Messages"/>.</summary>
    public bool NeedsMessages(RoutePlan plan)
    {
        foreach (var candidate in plan.Candidates)
        {
            if (!Relays(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Routes a plain request and books the answer in <paramref name="run"/>.</summary>
    public async Task<RelayedAnswer> CompleteAsync(RelayRequest request, RoutePlan plan, RunScope run, CancellationToken cancellationToken)
    {
        var call = await router.Calls.RunAsync(plan, run, (candidate, token) => AnswerAsync(request, candidate, token), cancellationToken).ConfigureAwait(false);
        var answer = call.Value;
        var model = call.Candidate.Model;
        var usage = answer.Wire is { } wire
            ? PortfolioChatClient.UsageOf(Usage(wire.InputTokens, wire.OutputTokens), model, request.Estimate, wire.TextLength)
            : PortfolioChatClient.UsageOf(answer.Response!.Usage, model, request.Estimate, answer.Response.Text.Length);
        router.Calls.Complete(plan.Task, call, usage, CallOutcome.Succeeded);
        return answer;
    }

    /// <summary>
    /// Routes a streamed request (<see cref="RoutedStream"/>): the first update comes once some model has started answering
    /// (failures before that fall over); the call is booked when the stream ends, is cut (then a <see cref="CuboidException"/>),
    /// or is abandoned. The caller disposes each update when done with it.
    /// </summary>
    public IAsyncEnumerable<RelayedUpdate> StreamAsync(RelayRequest request, RoutePlan plan, RunScope run, CancellationToken cancellationToken) =>
        RoutedStream.RunAsync(router, plan, run, request.Estimate, (candidate, token) => StreamFrom(request, candidate, token), static u => u.HasAnswer,
            static (tally, _, update) => tally.Add(update), cancellationToken);

    private async Task<RelayedAnswer> AnswerAsync(RelayRequest request, RouteCandidate candidate, CancellationToken cancellationToken)
    {
        if (router.Providers.WireEndpoint(candidate.Provider) is not { } wire)
        {
            var converted = await PortfolioChatClient.AnswerFrom(router, candidate, MessagesFor(request), request.Options, cancellationToken).ConfigureAwait(false);
            converted.ModelId = candidate.ModelId;
            return new RelayedAnswer(candidate.ModelId, null, converted);
        }

        using var response = await SendAsync(wire, request, candidate, cancellationToken).ConfigureAwait(false);
        WireAnswer answer;
        try
        {
            // The failure handler has read, parsed and checked a JSON body already: its document is taken, not parsed again.
#pragma warning disable CA2000 // Disposed below when empty, else owned by the answer returned.
            answer = response.Content is CheckedJsonContent { } checkedJson && checkedJson.TakeDocument() is { } parsed
                ? WireAnswer.Completion(parsed)
                : await WireAnswer.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
#pragma warning restore CA2000
        }
        catch (Exception ex) when (wire.Failure(ex, cancellationToken) is { } failure)
        {
            throw failure;
        }

        if (!answer.HasAnswer)
        {
            answer.Dispose();
            throw ProviderFailures.Create(wire.Endpoint, ProviderFailureKind.BadResponse, $"{wire.Endpoint.Id} returned an empty answer");
        }

        return new RelayedAnswer(candidate.ModelId, answer, null);
    }

    /// <summary>One candidate's stream: the provider's chunks as they come, or its adapter's updates.</summary>
    private async IAsyncEnumerable<RelayedUpdate> StreamFrom(RelayRequest request, RouteCandidate candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (router.Providers.WireEndpoint(candidate.Provider) is not { } wire)
        {
            await foreach (var update in PortfolioChatClient.StreamFrom(router, candidate, MessagesFor(request), request.Options, cancellationToken).ConfigureAwait(false))
            {
                update.ModelId = candidate.ModelId;
                yield return new RelayedUpdate(candidate.ModelId, null, update);
            }

            yield break;
        }

        using var response = await SendAsync(wire, request, candidate, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerator<SseItem<byte[]>> items;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            items = SseParser.Create(body, static (_, data) => data.ToArray()).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (wire.Failure(ex, cancellationToken) is { } failure)
        {
            throw failure;
        }

        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                WireAnswer? chunk = null;
                try
                {
                    // The failure handler's guard watches the bytes underneath: an error event, a cut before [DONE] or a
                    // silence longer than its idle timeout throws from this read.
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    var data = items.Current.Data;
                    if (data.AsSpan().SequenceEqual("[DONE]"u8))
                    {
                        break;
                    }

                    if (data.AsSpan().Trim(" \r\n\t"u8).IsEmpty)
                    {
                        continue;
                    }

#pragma warning disable CA2000 // The update owns the chunk; the caller disposes it.
                    chunk = WireAnswer.Parse(data, chunk: true);
#pragma warning restore CA2000
                }
                catch (Exception ex) when (wire.Failure(ex, cancellationToken) is { } failure)
                {
                    throw failure;
                }

                yield return new RelayedUpdate(candidate.ModelId, chunk, null);
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(WireEndpoint wire, RelayRequest request, RouteCandidate candidate, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(request.Body.ValueKind == JsonValueKind.Object ? 1024 : 256);
        WireRequest.Write(body, request.Body, candidate.Model, request.Stream);
        return await wire.SendAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static IList<ChatMessage> MessagesFor(RelayRequest request) =>
        request.Messages ?? throw new InvalidOperationException("the plan has a model on another protocol, but the request was not read into messages (see ChatRelay.NeedsMessages)");

    private static UsageDetails? Usage(long? input, long? output) =>
        input is null && output is null ? null : new UsageDetails { InputTokenCount = input, OutputTokenCount = output };
}
