namespace Cuboid.Testing.Load;

/// <summary>How one streamed chat request ended, as its client saw it.</summary>
public enum StreamEnding
{
    /// <summary>The whole answer: a finish reason, then <c>data: [DONE]</c>.</summary>
    Complete,

    /// <summary>Part of an answer, then an explicit SSE <c>event: error</c> (and no <c>[DONE]</c>).</summary>
    ErrorEvent,

    /// <summary>No stream at all: an error status with an error body.</summary>
    ErrorStatus,

    /// <summary>A 200 stream that just stopped, with neither <c>[DONE]</c> nor an error event: the bug to rule out.</summary>
    SilentStop,

    /// <summary>Still open when the run's overall deadline passed.</summary>
    Hung,
}
