namespace Cuboid.Compute;

/// <summary>What the modality ladder compares. Defaults follow the reference: Llama-3-8B and -70B prefilling 200 tokens,
/// FLUX.1-dev at 1024², Wan2.1-T2V-14B for 5 s at 720p and at 4K.</summary>
public sealed record LadderOptions
{
    public int PromptTokens { get; init; } = 200;

    /// <summary>The unit LLM (the first rung): non-embedding parameters.</summary>
    public double UnitLlmParameters { get; init; } = 8.03e9;

    public string UnitLlmName { get; init; } = "Llama-3-8B";

    /// <summary>A second, larger LLM, for the comparison under which the rule of thumb holds.</summary>
    public double LargeLlmParameters { get; init; } = 70.6e9;

    public string LargeLlmName { get; init; } = "Llama-3-70B";

    public string ImageFamily { get; init; } = "flux.1-dev";

    public int ImageSide { get; init; } = 1024;

    public string VideoFamily { get; init; } = "wan2.1-t2v-14b";

    public double VideoSeconds { get; init; } = 5;
}
