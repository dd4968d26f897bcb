namespace Cuboid.Testing.Simulators;

/// <summary>What the simulator does with one request instead of (or before) answering normally.</summary>
public enum FaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>429 with a Retry-After header (seconds or an HTTP date).</summary>
    RateLimited,

    /// <summary>A 5xx status (500, 502, 503, 529...) in the protocol's error shape.</summary>
    ServerError,

    /// <summary>Hold the response, then answer normally: the first byte arrives after the delay.</summary>
    FirstByteAfter,

    /// <summary>Abort the TCP connection without a response.</summary>
    ConnectionReset,

    /// <summary>Start the answer, then end it cleanly without the protocol's terminator.</summary>
    StreamCut,

    /// <summary>A 200 stream that carries the provider's error event after the first delta (a non-streamed request gets a 500).</summary>
    StreamError,

    /// <summary>Send the first delta of a stream, then go silent for the delay before going on (a non-streamed request just waits first).</summary>
    StreamStall,

    /// <summary>A 200 whose body (or one stream event) is not valid JSON.</summary>
    MalformedJson,

    /// <summary>A 200 with no answer in it (OpenAI: <c>choices: []</c>).</summary>
    EmptyChoices,

    /// <summary>401 in the protocol's error shape.</summary>
    Unauthorized,

    /// <summary>400 saying the prompt exceeds the model's context window.</summary>
    ContextLengthExceeded,

    /// <summary>Any other 400 with a given message.</summary>
    BadRequest,
}
