namespace Cuboid;

/// <summary>
/// A failure the user can cause or fix. Its message is one line, safe to show as is
/// (it never contains an API key), and <see cref="Kind"/> decides the CLI exit code.
/// Anything else that escapes the library is a bug.
/// </summary>
public class CuboidException : Exception
{
    public CuboidException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }

    public static CuboidException Usage(string message) => new(ErrorKind.Usage, message);

    public static CuboidException Input(string message, Exception? inner = null) => new(ErrorKind.Input, message, inner);

    public static CuboidException Provider(string message, Exception? inner = null) => new(ErrorKind.Provider, message, inner);
}
