using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>Stamps each response with the catalog id of the model that answered (<see cref="AnsweringModel.PropertyKey"/>).</summary>
internal sealed class AnsweredByChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = AnsweredByScope.Begin();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (scope.ModelId is { } id)
        {
            (response.AdditionalProperties ??= [])[AnsweringModel.PropertyKey] = id;
        }

        return response;
    }
}
