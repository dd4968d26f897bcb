namespace Cuboid.Portfolio;

/// <summary>The answer to <see cref="RunScope.AskAsync"/>: the text, the model that gave it, and the ledger records of the call (fallbacks included).</summary>
public sealed record AskAnswer(string Text, string ModelId, IReadOnlyList<UsageRecord> Calls);
