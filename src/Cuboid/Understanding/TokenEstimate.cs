namespace Cuboid.Understanding;

/// <summary>
/// A provider-neutral token estimate for planning (about four characters per token for English text),
/// used to decide whether a prompt fits a context window and to price a dry run.
/// </summary>
internal static class TokenEstimate
{
    public const int CharactersPerToken = 4;

    public static int FromText(string text) => (text.Length + CharactersPerToken - 1) / CharactersPerToken;

    public static int FromCharacters(long characters) => (int)Math.Min(int.MaxValue, (characters + CharactersPerToken - 1) / CharactersPerToken);
}
