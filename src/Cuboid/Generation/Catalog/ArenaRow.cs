namespace Cuboid.Generation.Catalog;

/// <summary>One model's line on a public arena board: the names it goes by there (stable id, slug, display name) and its Elo.</summary>
internal sealed record ArenaRow(IReadOnlyList<string> Names, double Elo)
{
    /// <summary>The name shown in warnings: the display name when the board has one.</summary>
    public string Label => Names[^1];
}
