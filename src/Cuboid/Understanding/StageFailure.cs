using System.ClientModel;

namespace Cuboid.Understanding;

/// <summary>
/// Which failures of a model call stop a stage (keeping what it has done) rather than the run: the budget and failing
/// providers (<see cref="CuboidException"/> of kind Budget or Provider), and anything a plain client throws (a transport
/// failure, an HTTP error, its own timeout). The caller's own cancellation, and a <see cref="CuboidException"/> the user
/// caused, still end the run.
/// </summary>
internal static class StageFailure
{
    private const int MaxDetail = 200;

    /// <summary>The failure to stop <paramref name="stage"/> with, or null when <paramref name="error"/> must propagate.</summary>
    public static CuboidException? Stop(Exception error, string stage, CancellationToken callerToken) => error switch
    {
        CuboidException { Kind: ErrorKind.Budget or ErrorKind.Provider } known => known,
        CuboidException => null,
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        _ => CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"the {stage} stage failed ({Describe(error)})", error),
    };

    // One line, no stack trace, and no message body beyond the first line (a provider's error text is echoed by some
    // SDKs, never a key, but it can be long).
    private static string Describe(Exception error) => error switch
    {
        OperationCanceledException or TimeoutException => "the call timed out",
        ClientResultException { Status: > 0 } http => $"HTTP {http.Status}",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        ClientResultException { InnerException: HttpRequestException transport } => Transport(transport),
        HttpRequestException transport => Transport(transport),
        _ => $"{error.GetType().Name}: {FirstLine(error.Message)}",
    };

    private static string Transport(HttpRequestException error) =>
        error.HttpRequestError == HttpRequestError.Unknown ? $"connection failed: {FirstLine(error.Message)}" : $"connection failed: {error.HttpRequestError}";

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        line = end >= 0 ? line[..end] : line;
        return line.Length > MaxDetail ? string.Concat(line[..MaxDetail], "…") : line.ToString();
    }
}
