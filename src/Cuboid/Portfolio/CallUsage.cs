namespace Cuboid.Portfolio;

/// <summary>What one finished call used, for the ledger and the price.</summary>
internal readonly record struct CallUsage(long InputTokens, long OutputTokens, bool Estimated, int Images, double AudioSeconds);
