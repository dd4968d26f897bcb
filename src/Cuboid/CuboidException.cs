namespace Cuboid;

/// <summary>
/// A failure the user can cause or fix. Its message is one line, safe to show as is (it never contains an API key);
/// <see cref="Kind"/> decides the CLI exit code, <see cref="Code"/> says what went wrong for machines
/// (<see cref="CuboidErrorCodes"/>) and <see cref="ParameterName"/> which value the caller gave was wrong.
/// Anything else that escapes the library is a bug.
/// </summary>
public class CuboidException : Exception
{
    private readonly ErrorMessage _message;

    /// <summary>A failure with the general code of its kind and no parameter.</summary>
    public CuboidException(ErrorKind kind, string message, Exception? innerException = null)
        : this(kind, CuboidErrorCodes.General(kind), ErrorMessage.FromString(message), null, innerException)
    {
    }

    /// <summary>A failure with its own code, naming the offending parameter when there is one. The message names
    /// parameters by their library names; <see cref="FormatMessage"/> writes them another way.</summary>
    public CuboidException(ErrorKind kind, string code, ErrorMessage message, CuboidParameter? parameter = null, Exception? innerException = null)
        : base(message.ToString(), innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Kind = kind;
        Code = code;
        Parameter = parameter;
        _message = message;
    }

    /// <summary>Usage, input, provider or budget: what the user has to change.</summary>
    public ErrorKind Kind { get; }

    /// <summary>A stable machine code such as <c>input.not_found</c> (<see cref="CuboidErrorCodes"/>).</summary>
    public string Code { get; }

    /// <summary>The value the caller gave that caused the failure, or null when no one value did.</summary>
    public CuboidParameter? Parameter { get; }

    /// <summary>The library's name of <see cref="Parameter"/> (<c>Every</c>, <c>OutputDirectory</c>), or null.</summary>
    public string? ParameterName => Parameter?.Name;

    /// <summary>The message with every parameter it mentions written by <paramref name="parameterText"/>: the CLI
    /// writes flags (<c>--every</c>), a server its field names.</summary>
    public string FormatMessage(Func<CuboidParameter, string> parameterText) => _message.Render(parameterText);

    /// <summary>The parameters the message mentions, in order.</summary>
    public IEnumerable<CuboidParameter> MentionedParameters =>
        _message.Parts.Select(p => p.Parameter).OfType<CuboidParameter>();

    /// <summary>A bad option or value (general code).</summary>
    public static CuboidException Usage(string message) => new(ErrorKind.Usage, message);

    /// <summary>A bad value of <paramref name="parameter"/>.</summary>
    public static CuboidException Usage(string code, CuboidParameter parameter, ErrorMessage message) =>
        new(ErrorKind.Usage, code, message, parameter);

    /// <summary>A bad input file or missing tool (general code).</summary>
    public static CuboidException Input(string message, Exception? inner = null) => new(ErrorKind.Input, message, inner);

    /// <summary>A bad input file, output folder or missing tool.</summary>
    public static CuboidException Input(string code, ErrorMessage message, Exception? inner = null) =>
        new(ErrorKind.Input, code, message, null, inner);

    /// <summary>A bad file or folder the caller named in <paramref name="parameter"/>.</summary>
    public static CuboidException Input(string code, CuboidParameter parameter, ErrorMessage message, Exception? inner = null) =>
        new(ErrorKind.Input, code, message, parameter, inner);

    /// <summary>A provider failure (general code).</summary>
    public static CuboidException Provider(string message, Exception? inner = null) => new(ErrorKind.Provider, message, inner);

    /// <summary>A provider failure or a provider that is not configured.</summary>
    public static CuboidException Provider(string code, ErrorMessage message, Exception? inner = null) =>
        new(ErrorKind.Provider, code, message, null, inner);

    /// <summary>A provider failure the caller can fix through <paramref name="parameter"/> (another model, say).</summary>
    public static CuboidException Provider(string code, CuboidParameter parameter, ErrorMessage message, Exception? inner = null) =>
        new(ErrorKind.Provider, code, message, parameter, inner);
}
