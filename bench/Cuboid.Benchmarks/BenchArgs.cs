using System.Globalization;

namespace Cuboid.Benchmarks;

/// <summary>The command lines of the benchmark runs: <c>NAME [count] [--option value]...</c>.</summary>
internal static class BenchArgs
{
    /// <summary>The count after the run's name, or <paramref name="fallback"/> when none is given before the options.</summary>
    public static int Count(string[] args, int fallback) =>
        args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).FirstOrDefault() is { } count
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : fallback;

    /// <summary>The value after <paramref name="name"/> (<c>--out</c>), or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index > 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Every value given after <paramref name="name"/>, for an option that may be repeated.</summary>
    public static IReadOnlyList<string> Options(string[] args, string name) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];
}
