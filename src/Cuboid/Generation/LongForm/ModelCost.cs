namespace Cuboid.Generation.LongForm;

/// <summary>A model and what one request on it is estimated to cost.</summary>
public sealed record ModelCost(string ModelId, decimal Dollars);
