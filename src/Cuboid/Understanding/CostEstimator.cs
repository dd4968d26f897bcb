namespace Cuboid.Understanding;

/// <summary>
/// Prices a planned analysis before any call, from the first model the router would use per stage and its catalog
/// prices, twice. The expected price uses documented per-call assumptions, checked against real runs: a caption is
/// about 120 tokens out, speech is about 3.3 tokens per second, and the reasoner writes about 1,500 tokens per call
/// (a reasoning model also thinks, assumed half its catalog <c>reasoningTokens</c> allowance). The worst case is what the router reserves:
/// every call writes its full output cap (<see cref="AnalysisRequests"/>), captions that long fill the timeline,
/// speech is dense, and each reasoning call needs its one repair; so a budget of the worst case never stops the run
/// on the planned models (a fall-over to a dearer model is not covered).
/// </summary>
internal static class CostEstimator
{
    public const int CaptionOutputTokens = 120;
    public const int DefaultImageTokens = 1000;
    public const double SpeechTokensPerSecond = 3.3;
    public const int ReasonOutputTokens = 1500;
    public const int ReasonInstructionTokens = 400;
    public const int DefaultContextWindow = 128_000;

    /// <summary>Fast speech (about 200 words a minute) for the worst case.</summary>
    public const double DenseSpeechTokensPerSecond = 5;

    // "[mm:ss] frame: " before each caption in the timeline; speech lines carry ~20 % for their stamps.
    private const int TimelineLineTokens = 5;
    private const double SpeechLineOverhead = 1.2;

    public static IReadOnlyList<StageEstimate> Estimate(double durationSeconds, int captionedFrames, bool hasAudio, ModelQuote? captioner, ModelQuote? transcriber, ModelQuote? reasoner, string? focus = null)
    {
        var promptTokens = TokenEstimate.FromText(CaptionPrompt.Text(0, focus));
        var captionThinking = TypicalThinking(captioner);
        var captionIn = (long)captionedFrames * (promptTokens + (captioner?.ImageInputTokens ?? DefaultImageTokens));
        var captionOut = (long)captionedFrames * (CaptionOutputTokens + captionThinking);
        var caption = new StageEstimate(AnalysisTasks.Caption, captioner?.ModelId, captioner is null ? 0 : captionedFrames, captioner is null ? 0 : captionIn, captioner is null ? 0 : captionOut, 0,
            captioner is null ? 0 : TokenDollars(captioner, captionIn, captionOut) + (captioner.PerImage ?? 0) * captionedFrames)
        {
            WorstCaseDollars = captioner is null ? 0 : WorstCaption(durationSeconds, captionedFrames, captioner, focus),
        };

        var minutes = hasAudio ? durationSeconds / 60 : 0;
        var pieces = hasAudio ? (int)Math.Ceiling(durationSeconds / AudioSplitPlanner.DefaultMaxPieceSeconds) : 0;
        var transcribe = transcriber is null || !hasAudio
            ? new StageEstimate(AnalysisTasks.Transcribe, transcriber?.ModelId, 0, 0, 0, 0, 0)
            : new StageEstimate(AnalysisTasks.Transcribe, transcriber.ModelId, pieces, 0, 0, minutes, Math.Round((transcriber.PerAudioMinute ?? 0) * (decimal)minutes, 6))
            {
                // Billed per minute of audio, which the plan knows exactly.
                WorstCaseDollars = RoundUp((transcriber.PerAudioMinute ?? 0) * (decimal)minutes),
            };

        var timeline = (long)(captionedFrames * (CaptionOutputTokens + TimelineLineTokens) + (hasAudio ? durationSeconds * SpeechTokensPerSecond * SpeechLineOverhead : 0));
        var (reasonCalls, reasonIn, reasonOut) = Reasoning(timeline, reasoner, ReasonInstructionTokens, ReasonOutputTokens + TypicalThinking(reasoner), ReasonOutputTokens);
        var reason = new StageEstimate(AnalysisTasks.Reason, reasoner?.ModelId, reasoner is null ? 0 : reasonCalls, reasoner is null ? 0 : reasonIn, reasoner is null ? 0 : reasonOut, 0,
            reasoner is null ? 0 : TokenDollars(reasoner, reasonIn, reasonOut))
        {
            WorstCaseDollars = reasoner is null ? 0 : WorstReasoning(durationSeconds, captionedFrames, hasAudio, reasoner, focus),
        };
        return [
            caption with { PriceKnown = captioner is null || captioner.InputPerMTok is not null || captioner.OutputPerMTok is not null || captioner.PerImage is not null },
            transcribe with { PriceKnown = transcriber is null || !hasAudio || transcriber.PerAudioMinute is not null },
            reason with { PriceKnown = reasoner is null || reasoner.InputPerMTok is not null || reasoner.OutputPerMTok is not null },
        ];
    }

    /// <summary>Estimated dollars of one caption call on <paramref name="captioner"/>.</summary>
    public static decimal PerCaption(ModelQuote? captioner, string? focus = null) =>
        Estimate(0, 1, false, captioner, null, null, focus)[0].Dollars;

    /// <summary>
    /// One reasoning call other than the synthesis (a long video's judge): the expected price at
    /// <paramref name="expectedOutputTokens"/> plus typical thinking, the worst case at the full <paramref name="outputCap"/>
    /// and repaired once (the repair resends the prompt and the unusable answer).
    /// </summary>
    public static StageEstimate Call(string stage, ModelQuote? model, long inputTokens, int expectedOutputTokens, int outputCap)
    {
        if (model is null)
        {
            return new StageEstimate(stage, null, 0, 0, 0, 0, 0);
        }

        var output = expectedOutputTokens + TypicalThinking(model);
        var cap = outputCap + (model.ReasoningTokens ?? 0);
        return new StageEstimate(stage, model.ModelId, 1, inputTokens, output, 0, TokenDollars(model, inputTokens, output),
            PriceKnown: model.InputPerMTok is not null || model.OutputPerMTok is not null)
        {
            WorstCaseDollars = RoundUp(Dollars(model, (2 * inputTokens) + outputCap, 2L * cap)),
        };
    }

    /// <summary>What the router reserves for every caption: the longest prompt of the video (its last timecode), the image, the full cap.</summary>
    private static decimal WorstCaption(double durationSeconds, int frames, ModelQuote captioner, string? focus)
    {
        var input = TokenEstimate.FromText(CaptionPrompt.Text(durationSeconds, focus)) + (captioner.PerImage is null ? captioner.ImageInputTokens ?? DefaultImageTokens : 0);
        var output = AnalysisRequests.CaptionOutputTokens + (captioner.ReasoningTokens ?? 0);
        return RoundUp(frames * (Dollars(captioner, input, output) + (captioner.PerImage ?? 0)));
    }

    /// <summary>
    /// Every reasoning call with captions and speech at their longest, writing its full cap, and repaired once: the
    /// repair resends the prompt with the unusable answer and asks again.
    /// </summary>
    private static decimal WorstReasoning(double durationSeconds, int frames, bool hasAudio, ModelQuote reasoner, string? focus)
    {
        var timeline = (long)Math.Ceiling(frames * (double)(AnalysisRequests.CaptionOutputTokens + TimelineLineTokens)
            + (hasAudio ? durationSeconds * DenseSpeechTokensPerSecond * SpeechLineOverhead : 0));
        var instructions = TokenEstimate.FromText(SynthesisPrompts.System(durationSeconds, focus)) + TokenEstimate.FromText(SynthesisPrompts.Window(durationSeconds, durationSeconds)) + TimelineLineTokens;
        var cap = AnalysisRequests.SynthesisOutputTokens;
        var (calls, input, output) = Reasoning(timeline, reasoner, instructions, cap + (reasoner.ReasoningTokens ?? 0), cap);
        var repairs = input + (calls * (long)(cap + TokenEstimate.FromText(SynthesisPrompts.Repair(new string('x', 200)))));
        return RoundUp(Dollars(reasoner, input + repairs, output * 2));
    }

    /// <summary>
    /// Calls, input and output tokens of the reasoning stage for a timeline: one call when it fits the model's window,
    /// else one per window plus one that reduces their notes (each note as long as one answer).
    /// </summary>
    private static (int Calls, long Input, long Output) Reasoning(long timeline, ModelQuote? reasoner, int instructionTokens, int outputPerCall, int notesPerWindow)
    {
        var budget = (long)((reasoner?.ContextWindow ?? DefaultContextWindow) * 0.8) - 6000;
        var windows = budget <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(timeline / (double)budget));
        var calls = windows == 1 ? 1 : windows + 1;
        var input = timeline + ((long)calls * instructionTokens) + (windows > 1 ? (long)windows * notesPerWindow : 0);
        return (calls, input, (long)calls * outputPerCall);
    }

    /// <summary>The thinking a reasoning model typically spends per call: half the allowance its cap is widened by (an assumption).</summary>
    private static int TypicalThinking(ModelQuote? model) => (model?.ReasoningTokens ?? 0) / 2;

    private static decimal TokenDollars(ModelQuote model, long input, long output) => Math.Round(Dollars(model, input, output), 6);

    private static decimal Dollars(ModelQuote model, long input, long output) =>
        ((model.InputPerMTok ?? 0) * input + (model.OutputPerMTok ?? 0) * output) / 1_000_000m;

    /// <summary>Up to the next millionth of a dollar: a worst case must never round below what is reserved.</summary>
    private static decimal RoundUp(decimal dollars) => Math.Ceiling(dollars * 1_000_000m) / 1_000_000m;
}
