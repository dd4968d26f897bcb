using System.CommandLine;
using System.Text.RegularExpressions;

namespace Cuboid.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line a person should read: the most telling
/// error, CLR type names replaced by words, and a pointer to the help of the command that was typed.
/// </summary>
public static partial class ParseErrorMessage
{
    public static string From(ParseResult parse)
    {
        // "Unrecognized command 'x'" says more than the "Required command was not provided" that comes with it.
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var message = ExpectedType().Replace(error.Message, m => $"as {Describe(m.Groups["type"].Value)}");
        message = message.ReplaceLineEndings(" ").Trim();
        return $"{message} (see '{CommandPath(parse.CommandResult.Command)} --help')";
    }

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
