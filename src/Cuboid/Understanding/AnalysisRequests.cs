using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// The requests an analysis makes, in one place: what each call sends and the output it may use. The real calls
/// are built here, and so is the request the router ranks models for in <c>analyze --dry-run</c> and in
/// <c>cuboid models route</c>, so all three put the same model first (<see cref="Route"/> is that one ranking).
/// Every call states its output cap, and the budget reserves exactly that cap.
/// </summary>
public static class AnalysisRequests
{
    /// <summary>A caption is 2-4 sentences plus any on-screen text: about 120 tokens, rarely 300.</summary>
    public const int CaptionOutputTokens = 400;

    /// <summary>The reasoner's JSON (summary, chapters, key moments, topics): about 1,500 tokens, room for long chapter lists.</summary>
    public const int SynthesisOutputTokens = 8_192;

    /// <summary>The prompt <see cref="Route"/> ranks reasoners for when no video is at hand: a timeline of a few minutes.</summary>
    public const int TypicalReasoningPromptTokens = 4_000;

    /// <summary>The one caption request for a frame at <paramref name="time"/> seconds.</summary>
    public static List<ChatMessage> Caption(double time, string? focus, ReadOnlyMemory<byte> jpeg) =>
        [new(ChatRole.User, [new TextContent(CaptionPrompt.Text(time, focus)), new DataContent(jpeg, "image/jpeg")])];

    /// <summary>The caption call's options: an output cap and nothing else (reasoning models reject a temperature).</summary>
    public static ChatOptions CaptionOptions() => new() { MaxOutputTokens = CaptionOutputTokens };

    /// <summary>The reasoner's options: a JSON answer in <see cref="SynthesisSchema"/> within <see cref="SynthesisOutputTokens"/>.</summary>
    public static ChatOptions SynthesisOptions() => new() { ResponseFormat = SynthesisSchema.Format, MaxOutputTokens = SynthesisOutputTokens };

    /// <summary>
    /// The request a call of <paramref name="task"/> makes, as the router estimates it: a caption of one frame, a minute of
    /// audio, or a reasoning prompt of <paramref name="promptTokens"/> (default <see cref="TypicalReasoningPromptTokens"/>);
    /// any other task gets <see cref="RequestEstimate.Typical"/> (with a prompt of <paramref name="promptTokens"/> when given).
    /// </summary>
    public static RequestEstimate Estimate(string task, long? promptTokens = null) => task switch
    {
        AnalysisTasks.Caption => RequestEstimate.ForChat(Caption(0, null, new byte[1]), CaptionOptions(), CaptionOutputTokens),
        AnalysisTasks.Transcribe => RequestEstimate.ForAudio(60),
        AnalysisTasks.Reason => new RequestEstimate
        {
            TextTokens = (int)Math.Min(promptTokens ?? TypicalReasoningPromptTokens, int.MaxValue),
            OutputTokens = SynthesisOutputTokens,
        },
        _ when promptTokens is { } tokens => RequestEstimate.Typical(task) with { TextTokens = (int)Math.Min(tokens, int.MaxValue) },
        _ => RequestEstimate.Typical(task),
    };

    /// <summary>
    /// The models a call of <paramref name="task"/> would try, in order: the one ranking behind <c>cuboid models route</c>,
    /// the dry run and the real run's first choice. Calls nothing.
    /// </summary>
    public static RoutePlan Route(RunScope run, string task, RouteConstraints? constraints = null, long? promptTokens = null) =>
        run.Plan(task, constraints, Estimate(task, promptTokens));
}
