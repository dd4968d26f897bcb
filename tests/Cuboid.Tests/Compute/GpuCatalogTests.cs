using Cuboid.Compute;

namespace Cuboid.Tests.Compute;

public sealed class GpuCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-gpus-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("h100", 989.4, 3.35, 295)]
    [InlineData("h100-pcie", 756, 2.0, 378)]
    [InlineData("h200", 989.4, 4.8, 206)]
    [InlineData("h20", 148, 4.0, 37)]
    [InlineData("a100", 312, 2.039, 153)]
    [InlineData("rtx4090", 165.2, 1.008, 164)]
    public void Ships_dense_peaks_and_their_ridge_points(string id, double tflops, double tbps, double ridge)
    {
        var gpu = GpuCatalog.Default.Find(id);

        Assert.Equal(tflops, gpu.DenseBf16Tflops);
        Assert.Equal(tbps, gpu.MemoryBandwidthTBps);
        Assert.Equal(ridge, gpu.RidgePoint(Precision.Bf16), 0.6);
    }

    [Fact]
    public void No_shipped_peak_is_a_sparse_datasheet_figure()
    {
        // H100 SXM: 1,979 BF16 / 3,958 FP8 are "with sparsity"; dense is half.
        var h100 = GpuCatalog.Default.Find("H100-SXM");
        Assert.Equal(989.4, h100.DenseBf16Tflops);
        Assert.Equal(1979, h100.DenseFp8Tflops);
        Assert.Null(GpuCatalog.Default.Find("a100").DenseFp8Tflops);
    }

    [Fact]
    public void Unknown_gpu_lists_the_known_ones()
    {
        var error = Assert.Throws<CuboidException>(() => GpuCatalog.Default.Find("b300"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("h100, h100-pcie, h200, h20, a100, rtx4090", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_file_adds_a_gpu()
    {
        var path = Path.Combine(_dir, "gpus.json");
        File.WriteAllText(path, """{ "gpus": [ { "id": "b200", "denseBf16Tflops": 2250, "denseFp8Tflops": 4500, "memoryBandwidthTBps": 8 } ] }""");

        var gpu = GpuCatalog.Load(path).Find("b200");

        Assert.Equal(2250e12 / 8e12, gpu.RidgePoint(Precision.Bf16), 6);
    }

    [Theory]
    [InlineData("""{ "gpus": [ { "id": "x", "denseBf16Tflops": 0, "memoryBandwidthTBps": 1 } ] }""")]
    [InlineData("""{ "gpus": [ { "id": "x", "denseBf16Tflops": 10 } ] }""")]
    [InlineData("""{ "gpus": 3 }""")]
    [InlineData("""{ "other": [] }""")]
    public void A_bad_gpus_file_is_an_input_error(string json)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<CuboidException>(() => GpuCatalog.Load(path));

        Assert.Equal(ErrorKind.Input, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
