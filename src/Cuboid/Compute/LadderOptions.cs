namespace Cuboid.Compute;

/// <summary>What the modality ladder compares. Defaults follow the reference: Llama-3-8B and -70B prefilling 200 tokens,
/// FLUX.1-dev at 1024², Wan2.1-T2V-14B for 5 s at 720p and at 4K.</summary>
public sealed record LadderOptions
{
    /// <summary>Tokens of the prompt the LLM rungs prefill.</summary>
    public int PromptTokens { get; init; } = 200;

    /// <summary>The unit LLM (the first rung): non-embedding parameters.</summary>
    public double UnitLlmParameters { get; init; } = 8.03e9;

    /// <summary>Display name of the unit LLM.</summary>
    public string UnitLlmName { get; init; } = "Llama-3-8B";

    /// <summary>A second, larger LLM, for the comparison under which the rule of thumb holds.</summary>
    public double LargeLlmParameters { get; init; } = 70.6e9;

    /// <summary>Display name of the larger LLM.</summary>
    public string LargeLlmName { get; init; } = "Llama-3-70B";

    /// <summary>Model family id of the image rung (<c>Cuboid.Spacetime.ModelFamilyCatalog</c>).</summary>
    public string ImageFamily { get; init; } = "flux.1-dev";

    /// <summary>Width and height of the square image, in pixels.</summary>
    public int ImageSide { get; init; } = 1024;

    /// <summary>Model family id of the video rungs.</summary>
    public string VideoFamily { get; init; } = "wan2.1-t2v-14b";

    /// <summary>Length of the clip of the video rungs, in seconds.</summary>
    public double VideoSeconds { get; init; } = 5;
}
