using System.Buffers;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Relay;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c>, plain and streamed, over the library's routed chat client. A stream is not
/// started (no status, no byte) until the router has a first answer from some model, so every failure before that
/// (429s, 5xx, a cut before the first token) is retried and falls over inside the library, and a request that no
/// model can answer gets a proper error status. A failure after that ends the stream with an explicit
/// <c>event: error</c> and no <c>[DONE]</c>: never a 200 that silently stops.
/// </summary>
public static class ChatCompletionsEndpoint
{
    private static readonly string[] ChatTasks = [ModelTasks.Chat, ModelTasks.Reason, ModelTasks.Caption, ModelTasks.VideoUnderstanding];

    public static async Task HandleAsync(HttpContext context, GatewayModels models, KeyBudgets budgets)
    {
        var cancellationToken = context.RequestAborted;

        // The document lives for the whole call: a relayed request goes on to the provider as it came.
        using var body = await RequestJson.ReadDocumentAsync(context.Request, cancellationToken);
        var request = ChatCompletionReader.Read(body.RootElement);
        var caller = CallerAuthentication.CallerOf(context);
        var estimate = WireRequest.Estimate(body.RootElement, request.Options.MaxOutputTokens, models.DefaultOutputTokens);
        RoutePlan PlanFor(ModelChoice c) => models.Plan(c.Task, c.PinnedModel, estimate);
        var choice = ModelChoices.Resolve(models, caller, request.Model, ModelTasks.Chat, models.Tasks.Where(ChatTasks.Contains).ToList(), PlanFor);
        var plan = PlanFor(choice);
        if (plan.Candidates.Count == 0)
        {
            throw NoModel(models, choice, plan);
        }

        var relay = models.Relay;
        var call = budgets.Reserve(caller, choice.Task, plan);
        try
        {
            var id = "chatcmpl-" + Guid.CreateVersion7().ToString("N");
            var created = models.Time.GetUtcNow().ToUnixTimeSeconds();
            if (relay is null)
            {
                await RouteAsync(context, request, ChatCompletionReader.Messages(request), choice, plan, call, id, created, cancellationToken);
                return;
            }

            var planned = models.PlanIn(call.Run, plan, choice.PinnedModel, estimate);
            var relayed = new RelayRequest(body.RootElement, request.Stream, estimate)
            {
                // Read into Microsoft.Extensions.AI types only when a model on another protocol may answer.
                Messages = relay.NeedsMessages(planned) ? ChatCompletionReader.Messages(request) : null,
                Options = request.Options,
            };
            if (request.Stream)
            {
                await StreamAsync(context, relay.StreamAsync(relayed, planned, call.Run, cancellationToken), request.IncludeUsage, call, id, created, cancellationToken);
            }
            else
            {
                using var answer = await relay.CompleteAsync(relayed, planned, call.Run, cancellationToken);
                call.Settle();
                WriteCostHeaders(context, answer.ModelId, call.Dollars);
                if (answer.Wire is { } wire)
                {
                    WriteWhole(context.Response, json => ChatCompletionJson.WriteRelayedCompletion(json, wire.Json.RootElement, id, created, answer.ModelId, call.Answered));
                }
                else
                {
                    WriteWhole(context.Response, json => ChatCompletionJson.Completion(id, created, answer.ModelId, answer.Response!, call.Answered).WriteTo(json));
                }
            }
        }
        finally
        {
            call.Settle();
        }
    }

    /// <summary>The path without the relay: the request read into Microsoft.Extensions.AI types, through the library's routed chat client.</summary>
    private static async Task RouteAsync(HttpContext context, ChatCompletionRequest request, IList<ChatMessage> messages, ModelChoice choice, RoutePlan plan, KeyedCall call,
        string id, long created, CancellationToken cancellationToken)
    {
        var options = request.Options.Clone();
        options.ModelId = choice.PinnedModel;
        // The routed client takes this plan instead of planning and estimating the request a second time.
        new PlannedCall(GatewayModels.ConstraintsFor(choice.PinnedModel), plan).AddTo(options);
        var client = GatewayModels.ChatClient(call.Run, choice.Task);
        if (request.Stream)
        {
            var updates = client.GetStreamingResponseAsync(messages, options, cancellationToken);
            await StreamAsync(context, Relayed(updates, plan.Candidates[0].ModelId), request.IncludeUsage, call, id, created, cancellationToken);
            return;
        }

        var response = await client.GetResponseAsync(messages, options, cancellationToken);
        var answeredBy = response.ModelId ?? plan.Candidates[0].ModelId;
        call.Settle();
        WriteCostHeaders(context, answeredBy, call.Dollars);
        WriteWhole(context.Response, json => ChatCompletionJson.Completion(id, created, answeredBy, response, call.Answered).WriteTo(json));
    }

    private static async IAsyncEnumerable<RelayedUpdate> Relayed(IAsyncEnumerable<ChatResponseUpdate> updates, string planned)
    {
        await foreach (var update in updates)
        {
            yield return new RelayedUpdate(update.ModelId ?? planned, null, update);
        }
    }

    private static async Task StreamAsync(HttpContext context, IAsyncEnumerable<RelayedUpdate> stream, bool includeUsage, KeyedCall call, string id, long created, CancellationToken cancellationToken)
    {
        await using var updates = stream.GetAsyncEnumerator(cancellationToken);

        // Routing, retries and fallback all happen inside this first read; a failure here is still a plain error response.
        if (!await updates.MoveNextAsync())
        {
            throw CuboidException.Provider("the model's stream ended without an answer");
        }

        var model = updates.Current.ModelId;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["x-cuboid-model"] = model;
        using var sse = new SseWriter(response.BodyWriter);
        var first = true;
        string? finish = null;
        var finished = false;
        try
        {
            bool more;
            do
            {
                using (var update = updates.Current)
                {
                    if (update.Wire is { } wire)
                    {
                        // A provider's own chunk goes on as sent; its usage chunk does not (the booked usage follows).
                        if (wire.HasChoices)
                        {
                            ChatCompletionJson.WriteRelayedChunk(sse.StartData(), wire.Json.RootElement, id, created, model);
                            sse.EndData();
                            finished |= wire.FinishReason is not null;
                        }
                    }
                    else
                    {
                        var converted = update.Update!;
                        finish ??= ChatCompletionJson.FinishReason(converted.FinishReason);
                        var text = converted.Text;
                        if (first || text.Length > 0)
                        {
                            ChatCompletionJson.WriteChunk(sse.StartData(), id, created, model, first ? "assistant" : null, text, null);
                            sse.EndData();
                            first = false;
                        }
                    }
                }

                // Flush only before waiting on the upstream: updates already in hand leave together, none waits.
                var next = updates.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    await sse.FlushAsync(cancellationToken);
                }

                more = await next;
            }
            while (more);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OpenAIErrors.For(ex) is { } known)
        {
            // The client already has part of an answer: say plainly that it is incomplete, and do not send [DONE].
            call.Settle();
            sse.Event("error", JsonSerializer.SerializeToNode(known.Body)!);
            await sse.FlushAsync(cancellationToken);
            return;
        }

        if (!finished)
        {
            ChatCompletionJson.WriteChunk(sse.StartData(), id, created, model, null, null, finish ?? "stop");
            sse.EndData();
        }

        call.Settle();
        if (includeUsage)
        {
            ChatCompletionJson.WriteUsageChunk(sse.StartData(), id, created, model, call.Answered);
            sse.EndData();
        }

        // Not flushed here: Kestrel sends what is left with the stream's closing chunk in one write when the request ends.
        sse.Done();
    }

    /// <summary>
    /// Writes a whole JSON answer with its length and without a flush, so Kestrel sends the headers and the body in one write
    /// when the request ends (a flush first, then the end of a chunked body, made two).
    /// </summary>
    private static void WriteWhole(HttpResponse response, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
    }

    internal static void WriteCostHeaders(HttpContext context, string model, decimal dollars)
    {
        context.Response.Headers["x-cuboid-model"] = model;
        context.Response.Headers["x-cuboid-cost"] = dollars.ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static GatewayException NoModel(GatewayModels models, ModelChoice choice, RoutePlan plan)
    {
        var variables = models.VariablesToEnable(choice.Task);
        var why = variables.Count > 0 ? $"no provider is configured for task '{choice.Task}'; set one of {string.Join(", ", variables)} on the server"
            : plan.Excluded.Count > 0 ? $"no model can serve this {choice.Task} request: {string.Join("; ", plan.Excluded.Take(3).Select(e => $"{e.ModelId}: {e.Reason}"))}"
            : $"no model can serve this {choice.Task} request";
        return GatewayException.Unavailable(why);
    }
}
