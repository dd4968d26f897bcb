namespace Cuboid;

/// <summary>What kind of failure a <see cref="CuboidException"/> reports; the CLI maps each to an exit code.</summary>
public enum ErrorKind
{
    /// <summary>A bad option or value the caller gave (CLI exit code 2).</summary>
    Usage,

    /// <summary>A bad input file or a missing tool such as ffmpeg (CLI exit code 3).</summary>
    Input,

    /// <summary>A model provider failed after retries and fallbacks, or is not configured (CLI exit code 4).</summary>
    Provider,

    /// <summary>A call would exceed the run's budget (CLI exit code 5).</summary>
    Budget,
}
