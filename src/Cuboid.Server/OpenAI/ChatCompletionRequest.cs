using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>A <c>POST /v1/chat/completions</c> body, read into Microsoft.Extensions.AI types.</summary>
public sealed record ChatCompletionRequest(string? Model, IList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage);
