using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line a person should read: the most telling
/// error, CLR type names replaced by words, and a pointer to the help of the command that was typed.
/// </summary>
public static partial class ParseErrorMessage
{
    /// <summary>Whether the command line cannot run: System.CommandLine's own errors, or an unknown option it took for
    /// an argument's value.</summary>
    public static bool HasErrors(ParseResult parse) => parse.Errors.Count > 0 || UnknownOption(parse) is not null;

    public static string From(ParseResult parse)
    {
        var help = $"(see '{CommandPath(parse.CommandResult.Command)} --help')";
        if (UnknownOption(parse) is { } unknown)
        {
            return $"unknown option '{unknown}' {help}";
        }

        // "Unrecognized command 'x'" says more than the "Required command was not provided" that comes with it.
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var message = ExpectedType().Replace(error.Message, m => $"as {Describe(m.Groups["type"].Value)}");
        message = message.ReplaceLineEndings(" ").Trim();
        return $"{message} {help}";
    }

    /// <summary>
    /// The first token that looks like an option but is no option of the command: System.CommandLine takes an unknown
    /// <c>--bogus</c> before a command's argument as that argument's value, and then reports the real argument
    /// (<c>samples/demo.mp4</c>) as unrecognised, or nothing at all when no argument follows. A value given to an
    /// option (<c>--prompt -x</c>), a negative number and anything after <c>--</c> are not options.
    /// </summary>
    internal static string? UnknownOption(ParseResult parse)
    {
        var argumentValues = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                argumentValues.UnionWith(command.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens));
            }
        }

        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value)
                && (argumentValues.Contains(token) || unmatched.Contains(token.Value)))
            {
                return token.Value.Split('=', 2)[0];
            }
        }

        return null;
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-'
        && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Describe(string clrType)
    {
        var inner = NullableOf().Match(clrType) is { Success: true } m ? m.Groups["inner"].Value : clrType;
        return inner switch
        {
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration",
            "System.IO.FileInfo" => "a file path",
            "System.IO.DirectoryInfo" => "a folder path",
            _ => "a value of the expected kind",
        };
    }

    [GeneratedRegex(@"as expected type '(?<type>[^']+)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
