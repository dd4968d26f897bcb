namespace Cuboid.Understanding;

/// <summary>
/// Prices a planned analysis before any call, from the first model the router would use per stage and
/// its catalog prices. The per-call assumptions are documented constants, checked against real runs:
/// a caption is about 120 tokens out, speech is about 3.3 tokens per second, and the reasoner writes
/// about 1,500 tokens per call.
/// </summary>
public static class CostEstimator
{
    public const int CaptionOutputTokens = 120;
    public const int DefaultImageTokens = 1000;
    public const double SpeechTokensPerSecond = 3.3;
    public const int ReasonOutputTokens = 1500;
    public const int ReasonInstructionTokens = 400;
    public const int DefaultContextWindow = 128_000;

    public static IReadOnlyList<StageEstimate> Estimate(double durationSeconds, int captionedFrames, bool hasAudio, ModelQuote? captioner, ModelQuote? transcriber, ModelQuote? reasoner, string? focus = null)
    {
        var promptTokens = TokenEstimate.FromText(CaptionPrompt.Text(0, focus));
        var captionIn = (long)captionedFrames * (promptTokens + (captioner?.ImageInputTokens ?? DefaultImageTokens));
        var captionOut = (long)captionedFrames * CaptionOutputTokens;
        var caption = new StageEstimate(AnalysisTasks.Caption, captioner?.ModelId, captioner is null ? 0 : captionedFrames, captioner is null ? 0 : captionIn, captioner is null ? 0 : captionOut, 0,
            captioner is null ? 0 : TokenDollars(captioner, captionIn, captionOut) + (captioner.PerImage ?? 0) * captionedFrames);

        var minutes = hasAudio ? durationSeconds / 60 : 0;
        var pieces = hasAudio ? (int)Math.Ceiling(durationSeconds / AudioSplitPlanner.DefaultMaxPieceSeconds) : 0;
        var transcribe = transcriber is null || !hasAudio
            ? new StageEstimate(AnalysisTasks.Transcribe, transcriber?.ModelId, 0, 0, 0, 0, 0)
            : new StageEstimate(AnalysisTasks.Transcribe, transcriber.ModelId, pieces, 0, 0, minutes, Math.Round((transcriber.PerAudioMinute ?? 0) * (decimal)minutes, 6));

        // Timeline lines: "[mm:ss] frame: " + caption, "[mm:ss] speech: " + words.
        var timeline = (long)(captionedFrames * (CaptionOutputTokens + 5) + (hasAudio ? durationSeconds * SpeechTokensPerSecond * 1.2 : 0));
        var budget = (long)((reasoner?.ContextWindow ?? DefaultContextWindow) * 0.8) - 6000;
        var windows = budget <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(timeline / (double)budget));
        var reasonCalls = ReasonCalls(windows);
        var reasonIn = timeline + (long)reasonCalls * ReasonInstructionTokens + (windows > 1 ? (long)windows * ReasonOutputTokens : 0);
        var reasonOut = (long)reasonCalls * ReasonOutputTokens;
        var reason = new StageEstimate(AnalysisTasks.Reason, reasoner?.ModelId, reasoner is null ? 0 : reasonCalls, reasoner is null ? 0 : reasonIn, reasoner is null ? 0 : reasonOut, 0,
            reasoner is null ? 0 : TokenDollars(reasoner, reasonIn, reasonOut));
        return [
            caption with { PriceKnown = captioner is null || captioner.InputPerMTok is not null || captioner.OutputPerMTok is not null || captioner.PerImage is not null },
            transcribe with { PriceKnown = transcriber is null || !hasAudio || transcriber.PerAudioMinute is not null },
            reason with { PriceKnown = reasoner is null || reasoner.InputPerMTok is not null || reasoner.OutputPerMTok is not null },
        ];

        static int ReasonCalls(int windows) => windows == 1 ? 1 : windows + 1;
    }

    /// <summary>Estimated dollars of one caption call on <paramref name="captioner"/>.</summary>
    public static decimal PerCaption(ModelQuote? captioner, string? focus = null) =>
        Estimate(0, 1, false, captioner, null, null, focus)[0].Dollars;

    private static decimal TokenDollars(ModelQuote model, long input, long output) =>
        Math.Round(((model.InputPerMTok ?? 0) * input + (model.OutputPerMTok ?? 0) * output) / 1_000_000m, 6);
}
