using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// The answer of a relayed chat call: the provider's own <c>chat.completion</c> when the answering model speaks the
/// OpenAI protocol (<see cref="Wire"/>), else the Microsoft.Extensions.AI response its adapter made (<see cref="Response"/>).
/// </summary>
/// <param name="ModelId">The catalog id of the model that answered.</param>
internal sealed record RelayedAnswer(string ModelId, WireAnswer? Wire, ChatResponse? Response) : IDisposable
{
    public void Dispose() => Wire?.Dispose();
}
