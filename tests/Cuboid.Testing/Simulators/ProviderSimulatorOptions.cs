namespace Cuboid.Testing.Simulators;

/// <summary>Settings for <see cref="ProviderSimulator.StartAsync"/>.</summary>
public sealed record ProviderSimulatorOptions
{
    /// <summary>
    /// The key every request must present (Bearer or <c>x-api-key</c>); null accepts any or none. Ollama's native
    /// API also accepts a request with no key, as a local Ollama does.
    /// </summary>
    public string? ApiKey { get; init; } = ProviderSimulator.DefaultApiKey;

    /// <summary>Wait before each normal answer (e.g. 300 ms to model a real provider in benchmarks).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// Keep request payloads (raw JSON, image and audio bytes) in <see cref="ProviderSimulator.Calls"/>. Benchmarks turn
    /// it off so that what they measure is the client's memory, not the simulator's log of an hour of frames and audio.
    /// </summary>
    public bool LogPayloads { get; init; } = true;

    /// <summary>Clock for <see cref="SimulatedCall.ReceivedAt"/> and HTTP-date Retry-After headers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
