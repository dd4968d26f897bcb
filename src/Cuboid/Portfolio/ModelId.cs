namespace Cuboid.Portfolio;

/// <summary>
/// A model reference <c>provider:model</c>. The provider ends at the first colon, so
/// <c>ollama:qwen2.5vl:7b</c> is provider <c>ollama</c>, model <c>qwen2.5vl:7b</c>.
/// </summary>
public readonly record struct ModelId(string Provider, string Model)
{
    /// <summary>Parses <c>provider:model</c> (the model part may contain colons and slashes); anything else is a usage error.</summary>
    public static ModelId Parse(string value)
    {
        if (!TryParse(value, out var id))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Model, $"'{value}' is not a model reference; write it as provider:model, e.g. openai:gpt-4.1-mini");
        }

        return id;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ModelId> Parsed = new(StringComparer.Ordinal);

    /// <summary>Parse for catalog ids, which are few and parsed on every route: remembered after the first time.</summary>
    internal static ModelId ParseCached(string value) =>
        Parsed.TryGetValue(value, out var id) ? id : Parsed.GetOrAdd(value, Parse(value));

    /// <summary>Parses <c>provider:model</c>; false when <paramref name="value"/> is not one.</summary>
    public static bool TryParse(string? value, out ModelId id)
    {
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1)
        {
            id = default;
            return false;
        }

        id = new ModelId(value[..colon], value[(colon + 1)..]);
        return true;
    }

    /// <summary>The reference as <c>provider:model</c>.</summary>
    public override string ToString() => $"{Provider}:{Model}";
}
