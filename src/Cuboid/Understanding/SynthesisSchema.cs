using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// The reasoner's answer as a JSON schema, for models that take structured output (the router sends others plain
/// JSON mode). Times are strings, as the prompt asks (<c>mm:ss</c>); <see cref="SynthesisParser"/> validates either way.
/// </summary>
internal static class SynthesisSchema
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "summary": { "type": "string" },
            "chapters": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "start": { "type": "string", "description": "mm:ss or h:mm:ss" },
                  "end": { "type": "string", "description": "mm:ss or h:mm:ss" },
                  "title": { "type": "string" },
                  "summary": { "type": "string" }
                },
                "required": ["start", "end", "title", "summary"]
              }
            },
            "key_moments": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "time": { "type": "string", "description": "mm:ss or h:mm:ss" },
                  "description": { "type": "string" }
                },
                "required": ["time", "description"]
              }
            },
            "topics": { "type": "array", "items": { "type": "string" } }
          },
          "required": ["summary", "chapters", "key_moments", "topics"]
        }
        """;

    /// <summary>The response format the synthesizer asks for.</summary>
    public static ChatResponseFormatJson Format { get; } = ChatResponseFormat.ForJsonSchema(
        JsonDocument.Parse(Schema).RootElement.Clone(), "video_summary", "A video's summary, chapters, key moments and topics.");
}
