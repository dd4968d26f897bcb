using System.Text.Json;
using Cuboid.Portfolio;
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
        ChatCompletionRequest request;
        using (var body = await RequestJson.ReadDocumentAsync(context.Request, cancellationToken))
        {
            // The reader copies what it keeps, so the document's pooled buffers go back before the call.
            request = ChatCompletionReader.Read(body.RootElement);
        }

        var caller = CallerAuthentication.CallerOf(context);
        var estimate = RequestEstimate.ForChat(request.Messages, request.Options, models.DefaultOutputTokens);
        RoutePlan PlanFor(ModelChoice c) => models.Plan(c.Task, c.PinnedModel, estimate);
        var choice = ModelChoices.Resolve(models, caller, request.Model, ModelTasks.Chat, models.Tasks.Where(ChatTasks.Contains).ToList(), PlanFor);
        var plan = PlanFor(choice);
        if (plan.Candidates.Count == 0)
        {
            throw NoModel(models, choice, plan);
        }

        var call = budgets.Reserve(caller, choice.Task, plan);
        try
        {
            var options = request.Options.Clone();
            options.ModelId = choice.PinnedModel;
            // The routed client takes this plan instead of planning and estimating the request a second time.
            new PlannedCall(GatewayModels.ConstraintsFor(choice.PinnedModel), plan).AddTo(options);
            var client = GatewayModels.ChatClient(call.Run, choice.Task);
            var id = "chatcmpl-" + Guid.CreateVersion7().ToString("N");
            var created = models.Time.GetUtcNow().ToUnixTimeSeconds();
            if (request.Stream)
            {
                await StreamAsync(context, client, request, options, call, id, created, cancellationToken);
            }
            else
            {
                var response = await client.GetResponseAsync(request.Messages, options, cancellationToken);
                var answeredBy = response.ModelId ?? plan.Candidates[0].ModelId;
                call.Settle();
                WriteCostHeaders(context, answeredBy, call.Dollars);
                await context.Response.WriteAsJsonAsync(ChatCompletionJson.Completion(id, created, answeredBy, response, call.Answered), cancellationToken);
            }
        }
        finally
        {
            call.Settle();
        }
    }

    private static async Task StreamAsync(HttpContext context, IChatClient client, ChatCompletionRequest request, ChatOptions options, KeyedCall call, string id, long created, CancellationToken cancellationToken)
    {
        await using var updates = client.GetStreamingResponseAsync(request.Messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // Routing, retries and fallback all happen inside this first read; a failure here is still a plain error response.
        if (!await updates.MoveNextAsync())
        {
            throw CuboidException.Provider("the model's stream ended without an answer");
        }

        var model = updates.Current.ModelId ?? "unknown";
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["x-cuboid-model"] = model;
        using var sse = new SseWriter(response.BodyWriter);
        var first = true;
        string? finish = null;
        try
        {
            bool more;
            do
            {
                var update = updates.Current;
                finish ??= ChatCompletionJson.FinishReason(update.FinishReason);
                var text = update.Text;
                if (first || text.Length > 0)
                {
                    ChatCompletionJson.WriteChunk(sse.StartData(), id, created, model, first ? "assistant" : null, text, null);
                    sse.EndData();
                    first = false;
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

        ChatCompletionJson.WriteChunk(sse.StartData(), id, created, model, null, null, finish ?? "stop");
        sse.EndData();
        call.Settle();
        if (request.IncludeUsage)
        {
            ChatCompletionJson.WriteUsageChunk(sse.StartData(), id, created, model, call.Answered);
            sse.EndData();
        }

        sse.Done();
        await sse.FlushAsync(cancellationToken);
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
