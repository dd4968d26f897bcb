using BenchmarkDotNet.Attributes;
using Cuboid.Spacetime;

namespace Cuboid.Benchmarks.Spacetime;

/// <summary>
/// Patchify and unpatchify of byte tensors against a plain copy of the same bytes (the baseline, memory-copy
/// bandwidth on this machine, measured in the same run). Goal: both at least half the copy's speed, no allocation.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PatchifyBenchmarks
{
    private byte[] _input = [];
    private byte[] _tokens = [];
    private byte[] _restored = [];
    private TokenPosition[] _positions = [];
    private PatchGrid _grid = null!;

    /// <summary>
    /// pixels: 16 frames of 640×384 RGB, 2×16×16 patches (48-byte runs, 11.8 MB);
    /// latent: a Wan 720p latent as bytes, 21×90×160×16, 1×2×2 patches (32-byte runs, 4.8 MB).
    /// </summary>
    [Params("pixels", "latent")]
    public string Case { get; set; } = "pixels";

    /// <summary>The two cases, shared with <see cref="PatchifyPairedRun"/>.</summary>
    internal static (string Name, TensorShape Shape, PatchSize Patch)[] Cases { get; } =
    [
        ("pixels", new TensorShape(16, 384, 640, 3), new PatchSize(2, 16, 16)),
        ("latent", new TensorShape(21, 90, 160, 16), new PatchSize(1, 2, 2)),
    ];

    [GlobalSetup]
    public void Setup()
    {
        var (_, shape, patch) = Cases.Single(c => c.Name == Case);
        _grid = PatchGrid.Create(shape, patch);
        _input = new byte[shape.ElementCount];
        new Random(42).NextBytes(_input);
        _tokens = new byte[_grid.TokenElementCount];
        _restored = new byte[shape.ElementCount];
        _positions = new TokenPosition[_grid.TokenCount];
    }

    [Benchmark(Baseline = true)]
    public void Copy() => _input.AsSpan().CopyTo(_tokens);

    [Benchmark]
    public void Patchify() => Patchifier.Patchify<byte>(_input, _grid, _tokens, _positions);

    [Benchmark]
    public void Unpatchify() => Patchifier.Unpatchify<byte>(_tokens, _grid, _restored);
}
