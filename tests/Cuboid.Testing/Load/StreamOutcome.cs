namespace Cuboid.Testing.Load;

/// <summary>
/// One streamed request's end: how it ended, the HTTP status, the model the stream named, the text it carried and the
/// usage of its last chunk (<c>stream_options.include_usage</c>), if any.
/// </summary>
public sealed record StreamOutcome(int Index, StreamEnding Ending, int Status, string? Model, string Text, long PromptTokens, long CompletionTokens, bool HasUsage, string? Error);
