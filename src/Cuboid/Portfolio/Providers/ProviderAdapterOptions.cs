namespace Cuboid.Portfolio.Providers;

/// <summary>How adapters reach the network.</summary>
internal sealed record ProviderAdapterOptions
{
    /// <summary>
    /// The transport under every client; null shares one pooled <see cref="SocketsHttpHandler"/>.
    /// Benchmarks and tests can pass an in-process handler.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Used to turn an HTTP-date Retry-After into a wait.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A safety net for a call that never ends, reported as <see cref="ProviderFailureKind.Timeout"/>.
    /// The router's per-call deadline (the caller's cancellation token) is normally shorter.
    /// </summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a streamed answer may go silent before it counts as stalled (<see cref="ProviderFailureKind.Timeout"/>);
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the check off. Generous by default because reasoning models
    /// can think for minutes before their first token.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
