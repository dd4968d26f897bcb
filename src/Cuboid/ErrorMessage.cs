using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cuboid;

/// <summary>An error message written as an interpolated string in which each <see cref="CuboidParameter"/> stays a
/// name to be rendered later (<c>$"{CuboidParameters.Every} must be positive"</c>), so the CLI can say
/// <c>--every</c> and a server <c>every</c> without parsing text. A plain string converts to one with no parameters.</summary>
[InterpolatedStringHandler]
public readonly struct ErrorMessage : IEquatable<ErrorMessage>
{
    private readonly List<ErrorMessagePart> _parts;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    public ErrorMessage(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _parts = new List<ErrorMessagePart>((2 * formattedCount) + 1);
    }

    private ErrorMessage(string text) => _parts = [new ErrorMessagePart(text, null)];

    /// <summary>The message's pieces in order.</summary>
    public IReadOnlyList<ErrorMessagePart> Parts => _parts ?? [];

    /// <summary>A message with no parameters.</summary>
    public static implicit operator ErrorMessage(string text) => new(text);

    /// <summary>A message with no parameters.</summary>
    public static ErrorMessage FromString(string text) => new(text);

    /// <summary>Called by the compiler for the text between holes.</summary>
    public void AppendLiteral(string value) => _parts.Add(new ErrorMessagePart(value, null));

    /// <summary>A parameter's name, rendered by each surface its own way.</summary>
    public void AppendFormatted(CuboidParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        _parts.Add(new ErrorMessagePart(parameter.Name, parameter));
    }

    /// <summary>Any other value, formatted as a plain interpolated string would.</summary>
    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    /// <summary>Any other value with a format string.</summary>
    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    /// <summary>Any other value with an alignment.</summary>
    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    /// <summary>Any other value with an alignment and a format string.</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        var text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? string.Empty;
        text = alignment >= 0 ? text.PadLeft(alignment) : text.PadRight(-alignment);
        _parts.Add(new ErrorMessagePart(text, null));
    }

    /// <summary>The message with each parameter written by <paramref name="parameterText"/>.</summary>
    public string Render(Func<CuboidParameter, string> parameterText)
    {
        ArgumentNullException.ThrowIfNull(parameterText);
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            text.Append(part.Parameter is { } parameter ? parameterText(parameter) : part.Text);
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Render(p => p.Name);

    /// <inheritdoc/>
    public bool Equals(ErrorMessage other) => Parts.SequenceEqual(other.Parts);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ErrorMessage other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Equal when the pieces are.</summary>
    public static bool operator ==(ErrorMessage left, ErrorMessage right) => left.Equals(right);

    /// <summary>Different when any piece is.</summary>
    public static bool operator !=(ErrorMessage left, ErrorMessage right) => !left.Equals(right);
}
