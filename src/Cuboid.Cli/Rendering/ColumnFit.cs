namespace Cuboid.Cli.Rendering;

/// <summary>What a <see cref="FittedTable"/> may do to a column's cells when the table is wider than the terminal.</summary>
public enum ColumnFit
{
    /// <summary>Never split (ids, numbers, prices): the column is shown whole or left out.</summary>
    Whole,

    /// <summary>Prose: wrapped at spaces, never inside a word.</summary>
    Words,

    /// <summary>A long reason: moved onto its own indented line beneath the row when the row would not fit.</summary>
    OwnLine,
}
