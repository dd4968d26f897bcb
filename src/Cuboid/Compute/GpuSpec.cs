namespace Cuboid.Compute;

/// <summary>
/// One GPU as data (gpus.data.json or a user's file). Peaks are DENSE tensor throughput: datasheets print
/// "with sparsity" figures twice as high, which are a known trap.
/// </summary>
public sealed record GpuSpec
{
    /// <summary>The id used to pick the GPU, e.g. <c>h100-sxm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The display name, e.g. "NVIDIA H100 SXM".</summary>
    public string Name { get; init; } = "";

    /// <summary>Other names accepted for <see cref="Id"/> (case-insensitive).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Dense BF16 tensor throughput in TFLOP/s (10¹² FLOP/s).</summary>
    public double DenseBf16Tflops { get; init; }

    /// <summary>Dense FP8 tensor throughput in TFLOP/s; null when the GPU has no FP8 tensor cores.</summary>
    public double? DenseFp8Tflops { get; init; }

    /// <summary>Memory bandwidth in TB/s (10¹² bytes per second).</summary>
    public double MemoryBandwidthTBps { get; init; }

    /// <summary>Memory capacity in GB (10⁹ bytes).</summary>
    public double MemoryGB { get; init; }

    /// <summary>Where the figures come from, or caveats; null when there are none.</summary>
    public string? Notes { get; init; }

    /// <summary>Dense peak FLOP/s at <paramref name="precision"/>; asking for FP8 on a GPU without it is a usage error.</summary>
    public double PeakFlops(Precision precision) => precision switch
    {
        Precision.Fp8 => (DenseFp8Tflops ?? throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Precision, 
            $"{Id} has no FP8 tensor cores; use {CuboidParameters.Precision} bf16")) * 1e12,
        _ => DenseBf16Tflops * 1e12,
    };

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double BandwidthBytesPerSecond => MemoryBandwidthTBps * 1e12;

    /// <summary>The roofline ridge point in FLOP/byte: peak / bandwidth.</summary>
    public double RidgePoint(Precision precision) => PeakFlops(precision) / BandwidthBytesPerSecond;

    /// <summary>Whether <paramref name="name"/> is this GPU's id or one of its aliases, ignoring case.</summary>
    public bool Matches(string name) =>
        string.Equals(Id, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return "a GPU has no id";
            yield break;
        }

        if (!(DenseBf16Tflops > 0) || double.IsInfinity(DenseBf16Tflops))
        {
            yield return $"GPU '{Id}': denseBf16Tflops must be a positive number";
        }

        if (DenseFp8Tflops is { } fp8 && (!(fp8 > 0) || double.IsInfinity(fp8)))
        {
            yield return $"GPU '{Id}': denseFp8Tflops must be a positive number or left out";
        }

        if (!(MemoryBandwidthTBps > 0) || double.IsInfinity(MemoryBandwidthTBps))
        {
            yield return $"GPU '{Id}': memoryBandwidthTBps must be a positive number";
        }
    }
}
