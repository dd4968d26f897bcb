using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// A <c>POST /v1/chat/completions</c> body: the JSON as it came (<see cref="Body"/>, alive as long as its request's
/// document), and the options read into Microsoft.Extensions.AI types.
/// </summary>
public sealed record ChatCompletionRequest(string? Model, JsonElement Body, ChatOptions Options, bool Stream, bool IncludeUsage);
