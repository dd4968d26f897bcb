namespace Cuboid.Spacetime;

/// <summary>
/// A diffusion-transformer family as data (families.data.json, or a user file): VAE, patch, architecture and
/// default sampling. Token counts and FLOPs are computed from these fields alone, never from the family's name.
/// </summary>
public sealed record ModelFamily
{
    /// <summary>The id used to pick the family, e.g. <c>wan2.1-t2v-14b</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether the family makes videos or images.</summary>
    public FamilyKind Kind { get; init; } = FamilyKind.Video;

    /// <summary>The family's VAE: time and space compression and latent channels.</summary>
    public VaeSpec Vae { get; init; } = new();

    /// <summary>The space-time patch (frames, rows, columns of latent) that becomes one token.</summary>
    public PatchSize Patch { get; init; } = new(1, 2, 2);

    /// <summary>Text tokens: added to the sequence for joint attention, attended to by cross-attention otherwise.</summary>
    public int TextTokens { get; init; }

    /// <summary>Total parameters (all experts).</summary>
    public double Parameters { get; init; }

    /// <summary>Parameters one forward pass reads (one expert of a mixture); defaults to <see cref="Parameters"/>.</summary>
    public double? ActiveParameters { get; init; }

    /// <summary>Model width d: the length of each token's hidden vector.</summary>
    public int HiddenSize { get; init; }

    /// <summary>Transformer layers (MMDiT: double- plus single-stream blocks).</summary>
    public int Layers { get; init; }

    /// <summary>Hidden width f of the MLP in each layer.</summary>
    public int MlpWidth { get; init; }

    /// <summary>The MLP's shape (GELU: two matrices; SwiGLU: three).</summary>
    public MlpKind MlpKind { get; init; } = MlpKind.Gelu;

    /// <summary>How text meets the video tokens: joint attention or cross-attention.</summary>
    public AttentionKind Attention { get; init; } = AttentionKind.Joint;

    /// <summary>Denoising steps when a request names none.</summary>
    public int DefaultSteps { get; init; } = 50;

    /// <summary>Transformer forwards per denoising step: 2 with classifier-free guidance, 1 when distilled, 3 with two guidance terms.</summary>
    public int PassesPerStep { get; init; } = 1;

    /// <summary>Width in pixels of the family's default clip.</summary>
    public int DefaultWidth { get; init; }

    /// <summary>Height in pixels of the family's default clip.</summary>
    public int DefaultHeight { get; init; }

    /// <summary>Frames of the family's default clip (1 for an image family).</summary>
    public int DefaultFrames { get; init; } = 1;

    /// <summary>The frame rate the family generates at (frames per second).</summary>
    public double Fps { get; init; }

    /// <summary>Where the figures come from, or caveats; null when there are none.</summary>
    public string? Notes { get; init; }

    /// <summary>Parameters of one layer that every token passes through: self-attention Q,K,V,O (4·d²),
    /// cross-attention Q,O (2·d²) for cross-attention families, and the MLP (2 or 3 · d·f).</summary>
    public double LinearParametersPerLayer
    {
        get
        {
            var d = (double)HiddenSize;
            var attention = 4 * d * d;
            var cross = Attention == AttentionKind.Cross ? 2 * d * d : 0;
            var mlp = (MlpKind == MlpKind.SwiGlu ? 3 : 2) * d * MlpWidth;
            return attention + cross + mlp;
        }
    }

    /// <summary>Parameters one forward pass reads: <see cref="ActiveParameters"/>, else <see cref="Parameters"/>.</summary>
    public double ParametersPerForward => ActiveParameters ?? Parameters;

    /// <summary>Checks every field a count or a FLOPs estimate needs; names the family and field on failure.</summary>
    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return "a family has no id";
            yield break;
        }

        foreach (var (value, name) in new (double, string)[]
        {
            (Vae.TemporalFactor, "vae.temporalFactor"), (Vae.SpatialFactor, "vae.spatialFactor"), (Vae.LatentChannels, "vae.latentChannels"),
            (Patch.T, "patch.t"), (Patch.H, "patch.h"), (Patch.W, "patch.w"), (Parameters, "parameters"), (HiddenSize, "hiddenSize"),
            (Layers, "layers"), (MlpWidth, "mlpWidth"), (DefaultSteps, "defaultSteps"), (PassesPerStep, "passesPerStep"),
            (DefaultWidth, "defaultWidth"), (DefaultHeight, "defaultHeight"), (DefaultFrames, "defaultFrames"), (Fps, "fps"),
        })
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                yield return $"family '{Id}': {name} must be a positive number (got {value})";
            }
        }

        if (TextTokens < 0)
        {
            yield return $"family '{Id}': textTokens must not be negative";
        }

        if (Vae.TemporalChunk is { } chunk && (chunk.Frames <= 0 || chunk.Latents <= 0))
        {
            yield return $"family '{Id}': vae.temporalChunk needs positive frames and latents";
        }
    }
}
