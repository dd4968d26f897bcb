namespace Cuboid.Portfolio;

/// <summary>How a message names the environment variables that would enable something: one sentence fragment, no repeats.</summary>
public static class EnvironmentHint
{
    /// <summary><c>A</c>, <c>one of A or B</c>, <c>one of A, B or C</c>.</summary>
    public static string OneOf(IReadOnlyList<string> variables) => variables.Count switch
    {
        0 => "a provider key",
        1 => variables[0],
        _ => $"one of {string.Join(", ", variables.Take(variables.Count - 1))} or {variables[^1]}",
    };
}
