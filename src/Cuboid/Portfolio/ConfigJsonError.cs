using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cuboid.Portfolio;

/// <summary>
/// Turns System.Text.Json's errors on a config file into the user's words: the setting's JSON path and what it
/// must be, or the line and column of a syntax error. Never a .NET type name, and never a value (it could be a key).
/// </summary>
internal static partial class ConfigJsonError
{
    private const string KeyHint = "keys are read only from environment variables: name the variable with 'keyEnv', e.g. \"keyEnv\": \"OPENAI_API_KEY\"";

    // Settings whose expected value the type alone does not say well.
    private static readonly Dictionary<string, string> Expectations = new(StringComparer.Ordinal)
    {
        ["budget"] = "a number of dollars",
        ["halfLifeDays"] = "a number of days",
        ["priorPercentile"] = "a number from 0 to 100",
        ["policy"] = "quality, cost, balanced or latency",
        ["qualityFloor"] = "a rating (a number)",
        ["providers"] = "an object of provider ids",
        ["tasks"] = "an object of task names",
        ["endpoints"] = "a list of endpoints",
    };

    /// <param name="reference">Where the file's settings are documented, named in the hint for an unknown setting.</param>
    public static string Describe(JsonException exception, string reference = "the Configuration section of docs/CLI.md")
    {
        var message = exception.Message;
        var path = SettingPath(exception.Path);
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var property = QuotedName().Match(message) is { Success: true } m ? m.Groups[1].Value : "?";
            var setting = path.EndsWith(property, StringComparison.Ordinal) ? path : Join(path, property);
            return LooksLikeKey(property)
                ? $"unknown setting '{setting}' ({KeyHint})"
                : $"unknown setting '{setting}' (see {reference})";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = string.Join(", ", QuotedName().Matches(message[message.IndexOf("including", StringComparison.Ordinal)..]).Select(m => $"'{m.Groups[1].Value}'"));
            return $"'{(path.Length == 0 ? "(top level)" : path)}' needs {names}";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal) && path.Length > 0)
        {
            var leaf = LastSegment().Match(path).Value;
            var expected = Expectations.GetValueOrDefault(leaf) ?? FromTypeName(message);
            return $"'{path}' must be {expected}";
        }

        // Syntax: System.Text.Json counts lines and bytes from zero.
        var reason = message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        reason = (cut > 0 ? reason[..cut] : reason).Trim().TrimEnd('.', ' ', '|');
        reason = reason.Contains("does not contain any JSON tokens", StringComparison.Ordinal) ? "the file is empty" : reason;
        return exception.LineNumber is { } line
            ? $"not valid JSON at line {line + 1}, column {(exception.BytePositionInLine ?? 0) + 1}: {reason}"
            : $"not valid JSON: {reason}";
    }

    private static bool LooksLikeKey(string property) =>
        property.Contains("key", StringComparison.OrdinalIgnoreCase) && !property.Equals("keyEnv", StringComparison.Ordinal)
        || property.Contains("token", StringComparison.OrdinalIgnoreCase)
        || property.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || property.Contains("password", StringComparison.OrdinalIgnoreCase);

    private static string FromTypeName(string message) =>
        message.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : message.Contains("Int32", StringComparison.Ordinal) || message.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
        : message.Contains("Decimal", StringComparison.Ordinal) || message.Contains("Double", StringComparison.Ordinal) ? "a number"
        : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
        : message.Contains("RoutingPolicy", StringComparison.Ordinal) ? "quality, cost, balanced or latency"
        : message.Contains("List", StringComparison.Ordinal) ? "a list"
        : "an object";

    private static string SettingPath(string? jsonPath)
    {
        var path = jsonPath ?? "$";
        path = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return path;
    }

    private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"[A-Za-z0-9_-]+(?=\]?$)|[A-Za-z0-9_-]+$")]
    private static partial Regex LastSegment();
}
