using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary>Health, the OpenAPI document and reference page, the models list, and transcription.</summary>
public sealed class ServerSurfaceTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    [Fact]
    public async Task Health_is_open_and_healthy()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client(key: null);

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_reference_page_describe_the_API()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client(key: null);

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var page = await client.GetAsync("/scalar/v1");

        Assert.NotNull(document["paths"]!["/v1/chat/completions"]);
        Assert.NotNull(document["paths"]!["/admin/keys"]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_carry_decayed_ratings_prices_and_usability_and_filter_by_task()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var all = JsonNode.Parse(await client.GetStringAsync("/v1/models"))!["data"]!.AsArray();
        var transcribe = JsonNode.Parse(await client.GetStringAsync("/v1/models?task=transcribe"))!["data"]!.AsArray();
        var unknown = await client.GetAsync("/v1/models?task=dance");

        var primary = all.Single(m => (string)m!["id"]! == "sim:primary-model")!["cuboid"]!;
        Assert.True((bool)primary["usable"]!);
        Assert.Equal(90, (double)primary["ratings"]!["chat"]!["rating"]!);
        Assert.True((double)primary["ratings"]!["chat"]!["effective"]! <= 90);
        Assert.Equal(1m, (decimal)primary["prices"]!["input_per_mtok"]!);
        Assert.Equal(["sim:whisper-1"], transcribe.Select(m => (string)m!["id"]!));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_transcription_upload_is_routed_to_a_speech_model()
    {
        _sim.Respond(_ => new SimulatedReply("hello from the audio") { DurationSeconds = 2 });
        using var host = new GatewayHost(_sim);
        using var form = new MultipartFormDataContent();
        var audio = new ByteArrayContent(new byte[16_000]);
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
        form.Add(audio, "file", "talk.mp3");
        form.Add(new StringContent("whisper-1"), "model");
        form.Add(new StringContent("verbose_json"), "response_format");

        var response = await host.Client().PostAsync("/v1/audio/transcriptions", form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from the audio", (string)body["text"]!);
        Assert.Equal("sim:whisper-1", response.Headers.GetValues("x-cuboid-model").Single());
        Assert.Equal("talk.mp3", _sim.Requests.Single().AudioFileName);
    }

    [Fact]
    public async Task A_transcription_without_a_file_is_a_400()
    {
        using var host = new GatewayHost(_sim);
        using var form = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" } };

        var response = await host.Client().PostAsync("/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'file'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
