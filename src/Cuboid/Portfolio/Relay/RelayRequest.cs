using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// A chat request in OpenAI's wire format, to be relayed: <see cref="Body"/> goes to models on OpenAI-protocol providers
/// as it came (see <see cref="WireRequest"/>); <see cref="Messages"/> and <see cref="Options"/>, the same request read into
/// Microsoft.Extensions.AI types, go to models on other protocols, and are only needed when the plan has such a model
/// (<see cref="ChatRelay.NeedsMessages"/>).
/// </summary>
/// <param name="Body">The request object; it must stay readable until the call is over.</param>
/// <param name="Stream">Whether the answer is streamed.</param>
/// <param name="Estimate">The request's estimate, as the plan was made with.</param>
internal sealed record RelayRequest(JsonElement Body, bool Stream, RequestEstimate Estimate)
{
    /// <summary>The messages, for models on other protocols.</summary>
    public IList<ChatMessage>? Messages { get; init; }

    /// <summary>The options, for models on other protocols.</summary>
    public ChatOptions? Options { get; init; }
}
