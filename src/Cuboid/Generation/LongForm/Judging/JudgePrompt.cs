using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Understanding;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// The judge's one reasoning call: every segment's shot prompt beside the caption of its middle frame, answered as JSON
/// in <see cref="Format"/> (structured output where the model takes it), checked by <see cref="TryParse"/>: a score from 0
/// to 10 and a one-line reason for every segment asked about. The output cap grows with the segments, and the plan prices it.
/// </summary>
internal static class JudgePrompt
{
    /// <summary>A score and a one-sentence reason: about 50 tokens a segment.</summary>
    public const int ExpectedTokensPerSegment = 50;

    private const int ExpectedTokensAround = 40;

    /// <summary>The output cap of a call about <paramref name="segments"/> segments.</summary>
    public static int OutputTokens(int segments) => 200 + (100 * segments);

    /// <summary>The expected answer's length.</summary>
    public static int ExpectedOutputTokens(int segments) => ExpectedTokensAround + (ExpectedTokensPerSegment * segments);

    /// <summary>The call's prompt tokens before it is made: the instructions and each shot's prompt, with a caption as long as the captioner's typical one.</summary>
    public static long EstimateInputTokens(IReadOnlyList<string> prompts) =>
        TokenEstimate.FromText(Instructions) + prompts.Sum(p => (long)TokenEstimate.FromText(SegmentText(0, 0, 0, p, "")) + CostEstimator.CaptionOutputTokens);

    public static ChatOptions Options(int segments) => new()
    {
        MaxOutputTokens = OutputTokens(segments),
        ResponseFormat = Format,
    };

    public static List<ChatMessage> Messages(IReadOnlyList<(JudgedShot Shot, string Caption)> segments)
    {
        var user = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            var (shot, caption) = segments[i];
            user.Append(SegmentText(i + 1, shot.Start, shot.End, shot.Prompt, caption)).Append('\n');
        }

        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, user.ToString())];
    }

    public static string Repair(string error) =>
        $"That answer could not be used: {error}. Reply again with only the corrected JSON object: one entry per segment, each with its number, a score from 0 to 10 and a one-line reason.";

    /// <summary>Reads the scores of segments 1..<paramref name="count"/>; false with the problem in words fit to send back to the model.</summary>
    public static bool TryParse(string? text, int count, [NotNullWhen(true)] out IReadOnlyList<JudgeScore>? scores, out string error)
    {
        scores = null;
        error = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ModelJson.StripFence(text ?? string.Empty));
        }
        catch (JsonException ex)
        {
            error = $"the answer is not valid JSON ({ex.Message.Split('.')[0]})";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("segments", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                error = "the answer must be one JSON object with a \"segments\" array";
                return false;
            }

            var found = new Dictionary<int, JudgeScore>();
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object
                    || !entry.TryGetProperty("segment", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var segment)
                    || !entry.TryGetProperty("score", out var value) || value.ValueKind != JsonValueKind.Number
                    || !entry.TryGetProperty("reason", out var why) || why.ValueKind != JsonValueKind.String)
                {
                    error = "every entry needs \"segment\" (a number), \"score\" (a number) and \"reason\" (text)";
                    return false;
                }

                var score = value.GetDouble();
                if (score is < 0 or > SegmentVerdict.MaxScore)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"segment {segment}'s score {score} is not between 0 and 10");
                    return false;
                }

                var reason = OneLine(why.GetString());
                if (reason.Length == 0)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"segment {segment} has no reason");
                    return false;
                }

                found.TryAdd(segment, new JudgeScore(segment, score, reason));
            }

            var missing = Enumerable.Range(1, count).Where(n => !found.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                error = $"segment {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no score";
                return false;
            }

            scores = [.. Enumerable.Range(1, count).Select(n => found[n])];
            return true;
        }
    }

    private const string Instructions = """
        You judge a long video that a video model made one shot at a time. For each segment you get the prompt its shot was
        rendered from and a caption another model wrote of one frame from the middle of that segment. Score how well the
        frame follows its prompt, from 0 (nothing the prompt asks for is visible) to 10 (everything it asks for is visible and
        nothing contradicts it), judging only what the caption says is visible, and give the reason in one short sentence.
        Answer with JSON only: {"segments": [{"segment": 1, "score": 7, "reason": "..."}, ...]} with one entry per segment,
        numbered as below.
        """;

    private static string SegmentText(int number, double start, double end, string prompt, string caption) => string.Create(CultureInfo.InvariantCulture,
        $"Segment {number} ({Timecode.Clock(start)}-{Timecode.Clock(end)})\nPrompt: {prompt}\nCaption: {caption}\n");

    private static string OneLine(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static readonly ChatResponseFormatJson Format = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""
        {"type":"object","properties":{"segments":{"type":"array","items":{"type":"object","properties":{"segment":{"type":"integer"},"score":{"type":"number"},"reason":{"type":"string"}},"required":["segment","score","reason"],"additionalProperties":false}}},"required":["segments"],"additionalProperties":false}
        """).RootElement.Clone(), "segment_scores", "How well each segment of a long video follows its shot's prompt, 0-10, with a one-line reason");
}
