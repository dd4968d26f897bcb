using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>Stamps each transcription with the catalog id of the model that answered (<see cref="AnsweringModel.PropertyKey"/>).</summary>
internal sealed class AnsweredBySpeechToTextClient(ISpeechToTextClient inner) : DelegatingSpeechToTextClient(inner)
{
    public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = AnsweredByScope.Begin();
        var response = await base.GetTextAsync(audioSpeechStream, options, cancellationToken);
        if (scope.ModelId is { } id)
        {
            (response.AdditionalProperties ??= [])[AnsweringModel.PropertyKey] = id;
        }

        return response;
    }
}
