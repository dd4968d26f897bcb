using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>Which model actually answered a call (after any fallback), as the portfolio reports it.</summary>
public static class AnsweringModel
{
    /// <summary>The key the portfolio's router sets in <c>AdditionalProperties</c> to the catalog id (<c>provider:model</c>).</summary>
    public const string PropertyKey = "cuboid.model";

    public static string Of(ChatResponse response, string fallback) =>
        response.AdditionalProperties?.TryGetValue(PropertyKey, out var id) == true && id is string s ? s : response.ModelId ?? fallback;

    public static string Of(SpeechToTextResponse response, string fallback) =>
        response.AdditionalProperties?.TryGetValue(PropertyKey, out var id) == true && id is string s ? s : response.ModelId ?? fallback;
}
