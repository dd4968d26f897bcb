namespace Cuboid.Testing.Simulators;

/// <summary>
/// One scripted behaviour for one request. Queue them per model with
/// <see cref="ProviderSimulator.Script(string, Fault[])"/>; each request to that model takes the next one,
/// and an empty queue means <see cref="Ok"/>.
/// </summary>
public sealed record Fault(FaultKind Kind, int StatusCode = 200, TimeSpan? Delay = null, bool RetryAfterAsHttpDate = false, string? Message = null)
{
    /// <summary>Answer normally.</summary>
    public static Fault Ok { get; } = new(FaultKind.None);

    /// <summary>429; <paramref name="retryAfter"/> becomes the Retry-After header (whole seconds, or an HTTP date).</summary>
    public static Fault RateLimited(TimeSpan? retryAfter = null, bool asHttpDate = false) =>
        new(FaultKind.RateLimited, 429, retryAfter, asHttpDate);

    /// <summary>A 5xx status, 500 by default (Anthropic's "overloaded" is 529).</summary>
    public static Fault ServerError(int statusCode = 500) => new(FaultKind.ServerError, statusCode);

    /// <summary>Answer normally, but only after <paramref name="delay"/> (for deadline tests).</summary>
    public static Fault FirstByteAfter(TimeSpan delay) => new(FaultKind.FirstByteAfter, 200, delay);

    /// <summary>Abort the connection without answering.</summary>
    public static Fault ConnectionReset { get; } = new(FaultKind.ConnectionReset, 0);

    /// <summary>Send part of the answer, then end the body without the terminator.</summary>
    public static Fault StreamCut { get; } = new(FaultKind.StreamCut);

    /// <summary>Start a stream, then send the protocol's error event (overloaded) instead of the rest.</summary>
    public static Fault StreamError { get; } = new(FaultKind.StreamError);

    /// <summary>Send the first delta, then nothing for <paramref name="pause"/>, then the rest.</summary>
    public static Fault StreamStall(TimeSpan pause) => new(FaultKind.StreamStall, 200, pause);

    /// <summary>A 200 that is not valid JSON.</summary>
    public static Fault MalformedJson { get; } = new(FaultKind.MalformedJson);

    /// <summary>A 200 with no answer in it.</summary>
    public static Fault EmptyChoices { get; } = new(FaultKind.EmptyChoices);

    /// <summary>401, whatever key was sent.</summary>
    public static Fault Unauthorized { get; } = new(FaultKind.Unauthorized, 401);

    /// <summary>403: the key is valid but may not use this model.</summary>
    public static Fault Forbidden { get; } = new(FaultKind.Unauthorized, 403, Message: "You are not allowed to sample from this model");

    /// <summary>400: the prompt is longer than the model's context window.</summary>
    public static Fault ContextLengthExceeded { get; } = new(FaultKind.ContextLengthExceeded, 400);

    /// <summary>Any other 400, with the provider's <paramref name="message"/>.</summary>
    public static Fault BadRequest(string message = "Invalid value for 'temperature'.") =>
        new(FaultKind.BadRequest, 400, Message: message);

    /// <summary><paramref name="count"/> copies of <paramref name="fault"/>, e.g. five <see cref="Ok"/>s before a failure.</summary>
    public static Fault[] Times(int count, Fault fault) => Enumerable.Repeat(fault, count).ToArray();
}
