using Cuboid.Server.OpenAI;

namespace Cuboid.Server.Hosting;

/// <summary>
/// Turns a failure into an OpenAI-style error body with its status, when the response has not started. A stream
/// that has started reports its own failure as an SSE error event (see <see cref="ChatCompletionsEndpoint"/>).
/// </summary>
public sealed class OpenAIErrorMiddleware(RequestDelegate next, ILogger<OpenAIErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var known = OpenAIErrors.For(ex);
            if (known is null)
            {
                logger.LogError(ex, "Unexpected failure on {Path}", context.Request.Path);
            }

            context.Response.Clear();
            context.Response.StatusCode = known?.Status ?? StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(known?.Body ?? OpenAIErrors.Internal, context.RequestAborted);
        }
    }
}
