using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cuboid.Contracts;

/// <summary>Writes and reads contract documents through <see cref="ContractJsonContext"/>.</summary>
public static class ContractJson
{
    /// <summary>The context with the relaxed encoder: the documents go to terminals, files and HTTP bodies, never into
    /// HTML, so "+", "'" and non-ASCII paths stay readable. Its options repeat the context's attribute, which cannot
    /// name an encoder.</summary>
    internal static ContractJsonContext Context { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The document as indented camelCase JSON.</summary>
    public static string Serialize<TDocument>(TDocument document)
        where TDocument : IContractDocument =>
        JsonSerializer.Serialize(document, TypeInfo<TDocument>());

    /// <summary>A document read back from its JSON (null for the JSON literal <c>null</c>).</summary>
    public static TDocument? Deserialize<TDocument>(string json)
        where TDocument : IContractDocument =>
        JsonSerializer.Deserialize(json, TypeInfo<TDocument>());

    private static JsonTypeInfo<TDocument> TypeInfo<TDocument>() =>
        (JsonTypeInfo<TDocument>?)Context.GetTypeInfo(typeof(TDocument))
        ?? throw new NotSupportedException($"{typeof(TDocument).Name} is not registered in {nameof(ContractJsonContext)}");
}
