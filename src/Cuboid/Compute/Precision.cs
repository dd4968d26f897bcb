namespace Cuboid.Compute;

/// <summary>The number format of weights and matrix multiplies.</summary>
public enum Precision
{
    /// <summary>BF16: 2 bytes per weight, the GPU's dense BF16 peak.</summary>
    Bf16,

    /// <summary>FP8: 1 byte per weight, the GPU's dense FP8 peak (GPUs without FP8 tensor cores refuse it).</summary>
    Fp8,
}
