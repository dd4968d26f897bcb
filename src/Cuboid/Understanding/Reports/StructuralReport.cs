namespace Cuboid.Understanding.Reports;

/// <summary>What the structural report (no model called) is, in words every report format shows.</summary>
public static class StructuralReport
{
    /// <summary>What the structural report is and holds, in one paragraph.</summary>
    public const string Note =
        "This is the structural report: no model was called, so there are no captions, transcript, summary or chapters, and it cost nothing. "
        + "It holds what the video itself shows: its scenes, the sampled frames, motion and where there is sound.";

    /// <summary>How to get a full report: which variable to set.</summary>
    public const string HowToAddProvider =
        "To add a provider, set one key (OPENAI_API_KEY, GEMINI_API_KEY, ANTHROPIC_API_KEY, OPENROUTER_API_KEY or GROQ_API_KEY) "
        + "or OLLAMA_HOST for local models, then run cuboid analyze again (cuboid models shows which models are usable).";
}
