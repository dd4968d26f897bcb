using Cuboid.Server.Gateway;

namespace Cuboid.Server.OpenAI;

/// <summary>The one mapping from a failure to an HTTP status and an OpenAI-style error body.</summary>
public static class OpenAIErrors
{
    /// <summary>The status and body for a failure the gateway knows, or null for a bug.</summary>
    public static (int Status, OpenAIError Body)? For(Exception exception) => exception switch
    {
        GatewayException g => (g.Status, new OpenAIError(new OpenAIErrorDetail(g.Message, g.Type, g.Param, g.Code))),
        CuboidException c => c.Kind switch
        {
            // 402, not 429: SDKs retry a 429 on their own, and an exhausted budget does not come back by retrying.
            ErrorKind.Budget => (402, Body(c, "insufficient_quota", "budget_exceeded")),
            ErrorKind.Provider => (502, Body(c, "server_error", "upstream_failed")),
            ErrorKind.Usage or ErrorKind.Input => (400, Body(c, "invalid_request_error", "invalid_request")),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The body for an unexpected failure: it says nothing of the exception, which may hold anything.</summary>
    public static OpenAIError Internal { get; } = new(new OpenAIErrorDetail("internal error; see the server log", "server_error", null, "internal_error"));

    private static OpenAIError Body(CuboidException exception, string type, string code) =>
        new(new OpenAIErrorDetail(exception.Message.ReplaceLineEndings(" "), type, null, code));
}
