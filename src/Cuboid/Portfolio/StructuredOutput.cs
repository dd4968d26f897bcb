using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// Fits a request's response format to the model that will answer it: a JSON schema goes only to models the catalog
/// marks <see cref="CatalogModel.StructuredOutput"/>; the others get plain JSON mode, and the caller's parse-and-repair
/// (an <see cref="AnswerCheck"/>) holds them to the shape. A schema sent to a model that cannot take it would be a 400.
/// </summary>
internal static class StructuredOutput
{
    public static ChatOptions? For(CatalogModel model, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: not null } || model.StructuredOutput == true)
        {
            return options;
        }

        var plain = options.Clone();
        plain.ResponseFormat = ChatResponseFormat.Json;
        return plain;
    }
}
