namespace Cuboid.Portfolio;

/// <summary>JSON as models write it: often wrapped in a Markdown code fence even when asked for JSON alone.</summary>
internal static class ModelJson
{
    /// <summary>The text inside a leading <c>```json</c> … <c>```</c> fence, else the text trimmed.</summary>
    public static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstNewline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewline > 0 && lastFence > firstNewline ? trimmed[(firstNewline + 1)..lastFence].Trim() : trimmed;
    }
}
