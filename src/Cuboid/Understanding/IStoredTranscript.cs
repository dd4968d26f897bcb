namespace Cuboid.Understanding;

/// <summary>
/// An audio source that already knows the transcription stage's answer (a batch's transcribe step ran it and kept the
/// result): <see cref="TranscribeStage"/> returns it instead of extracting the audio again. Null: run the stage as usual.
/// </summary>
internal interface IStoredTranscript
{
    TranscribeStageResult? Transcript { get; }
}
