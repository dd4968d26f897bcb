using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// One update of a relayed stream: the provider's own chunk when the answering model speaks the OpenAI protocol
/// (<see cref="Wire"/>), else the Microsoft.Extensions.AI update its adapter made (<see cref="Update"/>).
/// </summary>
/// <param name="ModelId">The catalog id of the model that answered.</param>
internal sealed record RelayedUpdate(string ModelId, WireAnswer? Wire, ChatResponseUpdate? Update) : IDisposable
{
    /// <summary>Whether it holds part of an answer, rather than only a role, usage or a finish reason.</summary>
    public bool HasAnswer => Wire?.HasAnswer ?? StreamTally.HasAnswer(Update!);

    public void Dispose() => Wire?.Dispose();
}
