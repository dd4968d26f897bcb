namespace Cuboid.Spacetime;

/// <summary>How a diffusion transformer sees the text prompt.</summary>
public enum AttentionKind
{
    /// <summary>Self-attention over video tokens, then cross-attention to the text tokens (Wan, Step-Video, LTX-Video).</summary>
    Cross,

    /// <summary>One attention over video and text tokens together (MMDiT: FLUX, SD3, HunyuanVideo, CogVideoX, Mochi, Open-Sora 2.0).</summary>
    Joint,
}
