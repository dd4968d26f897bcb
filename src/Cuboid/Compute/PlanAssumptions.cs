namespace Cuboid.Compute;

/// <summary>
/// What a plan assumes: the GPU, the precision, the fraction of dense peak a phase's FLOPs run at (MFU),
/// the fraction of memory bandwidth its bytes move at (MBU), and an optional $/GPU-hour.
/// </summary>
public sealed record PlanAssumptions(GpuSpec Gpu, Precision Precision = Precision.Bf16, double Mfu = PlanAssumptions.DefaultMfu,
    double Mbu = PlanAssumptions.DefaultMbu, double? UsdPerGpuHour = null)
{
    /// <summary>0.45 of dense BF16 peak: published Hopper video-DiT runs achieve 27–65%, most 40–50%.</summary>
    public const double DefaultMfu = 0.45;

    /// <summary>0.8 of peak memory bandwidth: what well-tuned batch-1 decoding kernels typically reach.</summary>
    public const double DefaultMbu = 0.8;

    /// <summary>Reads "bf16" or "fp8" (case-insensitive).</summary>
    public static Precision ParsePrecision(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "bf16" => Precision.Bf16,
        "fp8" => Precision.Fp8,
        _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Precision, $"precision '{text}' is not one of: bf16, fp8"),
    };

    /// <summary>Bytes per weight at <see cref="Precision"/>: 1 for FP8, 2 for BF16.</summary>
    public double BytesPerParameter => Precision == Precision.Fp8 ? 1 : 2;

    /// <summary>The GPU's dense peak at <see cref="Precision"/>, in FLOP/s.</summary>
    public double PeakFlops => Gpu.PeakFlops(Precision);

    /// <summary>The ridge point at peak rates: dense peak / memory bandwidth (FLOP/byte).</summary>
    public double Ridge => Gpu.RidgePoint(Precision);

    /// <summary>The ridge point at the rates this plan assumes: (peak × MFU) / (bandwidth × MBU). A phase whose intensity is
    /// below it takes longer to move its bytes than to do its FLOPs, so this, not <see cref="Ridge"/>, decides the bound.</summary>
    public double EffectiveRidge => PeakFlops * Mfu / (Gpu.BandwidthBytesPerSecond * Mbu);

    /// <summary>Throws a usage error naming the first value out of range (MFU and MBU above 0 and at most 1, a $/GPU-hour from 0 to 1,000,000).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Gpu);
        if (!(Mfu > 0 && Mfu <= 1))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Mfu, $"MFU {Mfu} must be above 0 and at most 1 (a fraction of the dense peak, e.g. 0.45)");
        }

        if (!(Mbu > 0 && Mbu <= 1))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Mbu, $"memory-bandwidth utilisation {Mbu} must be above 0 and at most 1 (e.g. 0.8)");
        }

        if (UsdPerGpuHour is { } usd && (!(usd >= 0) || double.IsInfinity(usd) || usd > 1e6))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.GpuHourPrice, $"price {usd} $/GPU-hour must be a number from 0 to 1,000,000");
        }

        _ = PeakFlops;
    }
}
