using Cuboid.Spacetime;

namespace Cuboid.Tests.Spacetime;

public sealed class ModelFamilyCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-families-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Unknown_family_lists_the_known_ones()
    {
        var error = Assert.Throws<CuboidException>(() => ModelFamilyCatalog.Default.Find("sora-9"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("wan2.1-t2v-14b", error.Message, StringComparison.Ordinal);
        Assert.Contains("hunyuanvideo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_case_insensitive()
    {
        Assert.Equal("wan2.1-t2v-14b", ModelFamilyCatalog.Default.Find("Wan2.1-T2V-14B").Id);
    }

    [Fact]
    public void A_user_file_adds_and_replaces_families_by_id()
    {
        var path = Path.Combine(_dir, "families.json");
        File.WriteAllText(path, """
            {
              // comments are allowed
              "families": [
                { "id": "my-dit", "kind": "video", "vae": { "temporalFactor": 4, "spatialFactor": 8, "latentChannels": 16 },
                  "patch": { "t": 1, "h": 2, "w": 2 }, "textTokens": 0, "parameters": 1e9, "hiddenSize": 1024, "layers": 12,
                  "mlpWidth": 4096, "mlpKind": "swiglu", "attention": "joint", "defaultSteps": 20, "passesPerStep": 1,
                  "defaultWidth": 512, "defaultHeight": 512, "defaultFrames": 33, "fps": 8 },
                { "id": "flux.1-dev", "kind": "image", "vae": { "spatialFactor": 16 }, "patch": { "t": 1, "h": 1, "w": 1 },
                  "parameters": 12e9, "hiddenSize": 3072, "layers": 57, "mlpWidth": 12288, "attention": "joint",
                  "defaultSteps": 28, "passesPerStep": 1, "defaultWidth": 1024, "defaultHeight": 1024, "defaultFrames": 1, "fps": 1 }
              ]
            }
            """);

        var catalog = ModelFamilyCatalog.Load(path);

        var mine = catalog.Find("my-dit");
        Assert.Equal(MlpKind.SwiGlu, mine.MlpKind);
        Assert.Equal(9 * 32 * 32, TokenCounter.Count(mine, 512, 512, 33).VideoTokens);
        Assert.Equal(16, catalog.Find("flux.1-dev").Vae.SpatialFactor);
        Assert.Equal(64L * 64, TokenCounter.Count(catalog.Find("flux.1-dev"), 1024, 1024, 1).VideoTokens);
        Assert.Equal(ModelFamilyCatalog.Default.Families.Count + 1, catalog.Families.Count);
    }

    [Theory]
    [InlineData("{ \"families\": [ { \"id\": \"x\", \"hiddenSize\": -1 } ] }", "family 'x'")]
    [InlineData("{ \"families\": [ { \"id\": \"x\", \"attention\": \"sideways\" } ] }", "not valid")]
    [InlineData("{ \"nothing\": 1 }", "no \"families\"")]
    [InlineData("not json", "not valid")]
    public void A_bad_families_file_is_an_input_error_naming_the_file(string json, string expected)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<CuboidException>(() => ModelFamilyCatalog.Load(path));

        Assert.Equal(ErrorKind.Input, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_families_file_is_an_input_error()
    {
        var error = Assert.Throws<CuboidException>(() => ModelFamilyCatalog.Load(Path.Combine(_dir, "missing.json")));
        Assert.Equal(ErrorKind.Input, error.Kind);
    }
}
