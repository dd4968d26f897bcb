using Microsoft.Extensions.AI;

namespace Cuboid.DependencyInjection;

/// <summary>The users' middleware collected by <see cref="CuboidBuilder"/>, applied in order when the router is built.</summary>
internal sealed class CuboidClientMiddleware
{
    public List<Action<ChatClientBuilder>> Chat { get; } = [];

    public List<Action<SpeechToTextClientBuilder>> SpeechToText { get; } = [];

    /// <summary>All chat middleware as one action, or null when there is none (the router then adds nothing).</summary>
    public Action<ChatClientBuilder>? ChatPipeline() =>
        Chat.Count == 0 ? null : builder => Chat.ForEach(configure => configure(builder));

    /// <inheritdoc cref="ChatPipeline"/>
    public Action<SpeechToTextClientBuilder>? SpeechToTextPipeline() =>
        SpeechToText.Count == 0 ? null : builder => SpeechToText.ForEach(configure => configure(builder));
}
