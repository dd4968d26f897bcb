namespace Cuboid.Cli.Rendering;

/// <summary>
/// One column of a <see cref="FittedTable"/>. When the table does not fit, columns with the lowest
/// <see cref="Priority"/> are left out first; <see cref="Keep"/> columns (the id) never are.
/// </summary>
public sealed record FittedColumn(string Header)
{
    /// <summary>Numbers are right-aligned so their digits line up.</summary>
    public bool RightAligned { get; init; }

    public int Priority { get; init; }

    public bool Keep { get; init; }

    public ColumnFit Fit { get; init; } = ColumnFit.Whole;

    /// <summary>A shorter header, used before any column is left out (e.g. "Out" for "Tokens out").</summary>
    public string? ShortHeader { get; init; }

    public static FittedColumn Id(string header) => new(header) { Keep = true };

    public static FittedColumn Number(string header, int priority, string? shortHeader = null) =>
        new(header) { RightAligned = true, Priority = priority, ShortHeader = shortHeader };

    public static FittedColumn Text(string header, int priority, string? shortHeader = null) =>
        new(header) { Priority = priority, ShortHeader = shortHeader };

    public static FittedColumn Prose(string header, int priority) => new(header) { Priority = priority, Fit = ColumnFit.Words };

    public static FittedColumn Reason(string header, int priority) => new(header) { Priority = priority, Fit = ColumnFit.OwnLine };
}
