using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Generation;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Generation.Images;

namespace Cuboid.Tests.Cli;

/// <summary><c>cuboid image</c> against the image simulator, through a catalog overlay whose hosts point at it with the key in a uniquely named variable.</summary>
public sealed class ImageCommandTests : IClassFixture<ImageSimulatorFixture>, IDisposable
{
    private readonly ImageHostSimulator _sim;
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-image-").FullName;
    private readonly string _key = $"CUBOID_TEST_IMAGE_KEY_{Guid.NewGuid():N}";

    public ImageCommandTests(ImageSimulatorFixture fixture)
    {
        _sim = fixture.Sim;
        Environment.SetEnvironmentVariable(_key, _sim.ApiKey);
        PortfolioJson.WriteAtomically(Overlay, TestImageCatalog.For(_sim, _key, DateOnly.FromDateTime(DateTime.UtcNow)));
    }

    private string Overlay => Path.Combine(_dir, "video.json");

    private string Out => Path.Combine(_dir, "out", "lighthouse.png");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_key, null);
        Directory.Delete(_dir, recursive: true);
    }

    private string[] Image(params string[] extra) => ["image", "a lighthouse at dusk", "--catalog", Overlay, "--out", Out, .. extra];

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Image_saves_the_png_and_says_which_model_made_it_and_what_it_cost()
    {
        var (code, stdout, stderr) = await Run(Image("--model", "test:sharp"));

        Assert.True(code == 0, stderr);
        var bytes = File.ReadAllBytes(Out);
        Assert.Equal(new VideoSize(1024, 1024), ImageHeader.Size(bytes));
        Assert.Equal(SimulatedImageRenderer.PixelAt("a lighthouse at dusk", 0, 1024), SimulatedImageRenderer.ReadPixel(bytes, 0, 0));
        Assert.Contains("1024x1024 image/png; test:sharp via openai:", stdout, StringComparison.Ordinal);
        Assert.Contains("$0.042", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_sim.ApiKey, stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Out)!, ".*"));
    }

    [Fact]
    public async Task A_reference_image_makes_it_image_to_image_and_json_reports_the_route()
    {
        var reference = Path.Combine(_dir, "ref.png");
        File.WriteAllBytes(reference, SimulatedImageRenderer.Render("reference", 32, 32));

        var (code, stdout, stderr) = await Run(Image("--image", reference, "--model", "test:kontext", "--size", "1280x720", "--json"));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("test:kontext", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("1280x720", json.RootElement.GetProperty("files")[0].GetProperty("size").GetString());
        Assert.Equal(0.04m, json.RootElement.GetProperty("dollars").GetDecimal());
    }

    [Fact]
    public async Task Dry_run_prices_the_chosen_route_and_shows_why_others_were_skipped()
    {
        var (code, stdout, stderr) = await Run(Image("--size", "512x512", "--dry-run"));

        Assert.True(code == 0, stderr);
        Assert.Contains("t2i: 1 image(s) at 512x512", stdout, StringComparison.Ordinal);
        Assert.Contains("chosen   test:flux via fal:", stdout, StringComparison.Ordinal);
        Assert.Contains("skipped  test:sharp via openai:", stdout, StringComparison.Ordinal);
        Assert.Contains("no 512x512 (offers 1024x1024", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public async Task A_call_over_the_budget_is_exit_5_and_writes_nothing()
    {
        var (code, _, stderr) = await Run(Image("--budget", "0.001"));

        Assert.Equal(ExitCodes.Budget, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Out));
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "--size", "12")]
    [InlineData(ExitCodes.Usage, "--quality", "ultra")]
    [InlineData(ExitCodes.Usage, "--model", "test:nope")]
    [InlineData(ExitCodes.Input, "--image", "/nonexistent/ref.png")]
    public async Task Bad_input_is_one_line_and_its_exit_code(int expected, string option, string value)
    {
        var (code, _, stderr) = await Run(Image(option, value));

        Assert.Equal(expected, code);
        Assert.StartsWith("cuboid: ", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }
}
