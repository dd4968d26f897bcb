using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Generation.Images;
using OpenAI;
using OpenAI.Images;

namespace Cuboid.Tests.Server;

/// <summary><c>POST /v1/images/generations</c>: the official SDK's ImageClient through the gateway to the image simulator, budgets, faults.</summary>
public sealed class ImagesTests(GatewaySimulatorFixture fixture, ImageSimulatorFixture images) : IClassFixture<GatewaySimulatorFixture>, IClassFixture<ImageSimulatorFixture>
{
    private const string Prompt = "a lighthouse at dusk";
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private ImageHostSimulator ImageSim => images.Sim;

    private static ImageClient Sdk(GatewayHost host, string key = GatewayHost.AdminKey) => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = new Uri(host.Server.BaseAddress, "v1"),
        Transport = new HttpClientPipelineTransport(host.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    }).GetImageClient("auto");

    [Fact]
    public async Task The_official_SDK_gets_the_routed_image_as_bytes_and_as_a_url_only_its_key_can_read()
    {
        using var host = new GatewayHost(_sim, imageSim: ImageSim);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 1, ["period"] = "total" });
        var client = Sdk(host, key);

        GeneratedImage bytes = await client.GenerateImageAsync(Prompt, new ImageGenerationOptions { Size = GeneratedImageSize.W1024xH1024, ResponseFormat = GeneratedImageFormat.Bytes });
        GeneratedImage linked = await client.GenerateImageAsync(Prompt, new ImageGenerationOptions { Size = GeneratedImageSize.W1024xH1024, ResponseFormat = GeneratedImageFormat.Uri });
        var fromUrl = await host.Client(key).GetByteArrayAsync(linked.ImageUri);
        var forAnother = await host.Client(await KeysTests.CreateKeyAsync(host, [])).GetAsync(linked.ImageUri);

        var png = bytes.ImageBytes.ToArray();
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 0, 1024), SimulatedImageRenderer.ReadPixel(png, 0, 0));
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 1023, 1024), SimulatedImageRenderer.ReadPixel(png, 1023, 1023));
        Assert.Equal(png, fromUrl);
        Assert.Equal(HttpStatusCode.NotFound, forAnother.StatusCode);
        // Two medium 1024x1024 images of test:sharp at $0.042 each, booked on the key.
        var store = GatewayStore.Open(host.StoreFolder);
        var keyId = store.FindByHash(KeySecrets.Hash(key))!.Id;
        Assert.Equal(0.084m, store.SpentIn(keyId, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task A_key_without_room_for_the_dearest_route_gets_402_before_any_host_is_called()
    {
        using var host = new GatewayHost(_sim, imageSim: ImageSim);
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 0.05, ["period"] = "total" });
        var client = host.Client(key);
        var body = new JsonObject { ["prompt"] = Prompt, ["model"] = "auto", ["size"] = "1024x1024" };

        var (first, _) = await ServerJson.PostAsync(client, "/v1/images/generations", body);
        var sent = ImageSim.RequestCount(TestImageCatalog.Sharp(host.ImageKeyVariable!));
        var (second, refusal) = await ServerJson.PostAsync(client, "/v1/images/generations", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)402, second.StatusCode);
        Assert.Equal("budget_exceeded", ServerJson.ErrorCode(refusal));
        Assert.Equal(sent, ImageSim.RequestCount(TestImageCatalog.Sharp(host.ImageKeyVariable!)));
    }

    [Fact]
    public async Task When_every_route_fails_the_caller_gets_502_naming_them_and_pays_nothing()
    {
        using var host = new GatewayHost(_sim, imageSim: ImageSim);
        ImageSim.Script(TestImageCatalog.Sharp(host.ImageKeyVariable!), ImageFault.ServerError(503));
        ImageSim.Script(TestImageCatalog.Flux(host.ImageKeyVariable!), ImageFault.ServerError(500));
        var key = await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 1, ["period"] = "total" });

        var (response, body) = await ServerJson.PostAsync(host.Client(key), "/v1/images/generations", new JsonObject { ["prompt"] = Prompt });
        var (ok, image) = await ServerJson.PostAsync(host.Client(key), "/v1/images/generations", new JsonObject { ["prompt"] = Prompt, ["response_format"] = "b64_json" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_failed", ServerJson.ErrorCode(body));
        Assert.Contains("every image route failed", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("test:sharp", (string)image["model"]!);
        Assert.Equal(0.042m, (decimal)image["cuboid"]!["cost"]!);
    }

    [Theory]
    [InlineData("""{"prompt":""}""", "prompt")]
    [InlineData("""{"prompt":"x","n":11}""", "n")]
    [InlineData("""{"prompt":"x","size":"big"}""", "size")]
    [InlineData("""{"prompt":"x","response_format":"gif"}""", "response_format")]
    public async Task Bad_options_are_one_clear_400(string json, string param)
    {
        using var host = new GatewayHost(_sim, imageSim: ImageSim);

        var response = await host.Client().PostAsync("/v1/images/generations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (string?)body["error"]!["param"]);
    }
}
