using System.Globalization;
using System.Text.Json;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Writes a storyboard from one prompt with the reasoning model (task <c>reason</c>, through the portfolio, so it is
/// routed, budgeted and booked like every other call): one shot prompt per segment, as structured output. The timing
/// stays Cuboid's: the model writes what each shot shows, the lengths come from the segment plan, so a model that
/// miscounts cannot change the video's length.
/// </summary>
internal sealed class StoryboardWriter(IChatClient reasoner)
{
    /// <summary>Output tokens reserved: about 120 per shot prompt, plus the JSON around them.</summary>
    public static int OutputTokens(int shots) => 200 + (120 * shots);

    /// <summary>The request a storyboard of <paramref name="shots"/> shots makes, for pricing it in the plan before any call.</summary>
    public static RequestEstimate Estimate(string prompt, int shots) => new()
    {
        TextTokens = RequestEstimate.TokensForText(Instructions(prompt, shots).Length),
        OutputTokens = OutputTokens(shots),
    };

    public async Task<Storyboard> WriteAsync(string prompt, IReadOnlyList<int> shotSeconds, IReadOnlyList<string> anchors, CancellationToken cancellationToken = default)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = OutputTokens(shotSeconds.Count),
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "storyboard", "One prompt per shot of a long video, in order"),
        };
        var response = await reasoner.GetResponseAsync([new ChatMessage(ChatRole.User, Instructions(prompt, shotSeconds.Count))], options, cancellationToken).ConfigureAwait(false);
        var prompts = Read(response.Text, shotSeconds.Count);
        return new Storyboard([.. prompts.Select((p, i) => new StoryboardShot(p, shotSeconds[i]))], anchors);
    }

    private static string Instructions(string prompt, int shots) => string.Create(CultureInfo.InvariantCulture,
        $"""
        You write storyboards for a video model that makes one shot at a time. Split this video into exactly {shots} consecutive shots
        that tell it from start to end with the same subjects, setting, lighting and style throughout. Describe each shot in one or
        two sentences a video model can render on its own (repeat who and where), without camera cuts inside a shot.
        Answer with JSON only: {"{"}"shots": [{"{"}"prompt": "..."{"}"}, ...]{"}"} with exactly {shots} entries.

        The video: {prompt}
        """);

    private static IReadOnlyList<string> Read(string text, int count)
    {
        var json = text.Trim();
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            // A fenced answer: keep what is between the first line and the closing fence.
            json = json[(json.IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimEnd('`', '\n', ' ');
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var prompts = document.RootElement.GetProperty("shots").EnumerateArray()
                .Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetProperty("prompt").GetString())
                .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
            if (prompts.Count == 0)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, "the reasoning model wrote a storyboard without shots");
            }

            // Too many: keep the first ones; too few: the last shot goes on (the timing is fixed either way).
            return [.. Enumerable.Range(0, count).Select(i => prompts[Math.Min(i, prompts.Count - 1)])];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"the reasoning model's storyboard is not the JSON asked for ({ex.Message})", ex);
        }
    }

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{"shots":{"type":"array","items":{"type":"object","properties":{"prompt":{"type":"string"}},"required":["prompt"],"additionalProperties":false}}},"required":["shots"],"additionalProperties":false}
        """).RootElement;
}
