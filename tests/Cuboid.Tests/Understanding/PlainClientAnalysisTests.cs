using System.ClientModel;
using System.ClientModel.Primitives;
using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Understanding;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cuboid.Tests.Understanding;

/// <summary>
/// Analysis as a plain call: a real video, Microsoft.Extensions.AI.OpenAI's own clients pointed straight at the
/// provider simulator (no router, no catalog, no config), and what happens when one of them fails mid-run.
/// </summary>
public sealed class PlainClientAnalysisTests : IAsyncLifetime
{
    private const string CaptionModel = "caption-model";
    private const string ReasonModel = "reason-model";
    private const string SpeechModel = "speech-model";

    private ProviderSimulator _sim = null!;
    private string _video = null!;

    public async Task InitializeAsync()
    {
        _sim = await ProviderSimulator.StartAsync();
        _sim.Respond(SimulatedProviders.Answer);
        _video = await VideoBuilder.BuildAsync(AnalyzeCommandTests.Talk);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private OpenAIClient Client(TimeSpan? timeout = null) => new(new ApiKeyCredential(ProviderSimulator.DefaultApiKey), new OpenAIClientOptions
    {
        Endpoint = _sim.Endpoint("openai").BaseUri,
        // The SDK's own retries would hide the failure this test injects; the analysis must cope without them.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = timeout,
    });

    // The chat clients are Microsoft.Extensions.AI.OpenAI's own. The transcriber is Cuboid's OpenAI adapter used as a plain
    // ISpeechToTextClient (no router): it streams timestamped segments, where Microsoft.Extensions.AI.OpenAI 10.11's
    // streaming transcription calls an OpenAI SDK method that 2.15 does not have (MissingMethodException).
    private AnalysisClients Plain(TimeSpan? reasonerTimeout = null) => new(
        Client().GetChatClient(CaptionModel).AsIChatClient(),
        new Cuboid.Portfolio.Providers.OpenAICompatible.OpenAITranscriptionClient(Client().GetAudioClient(SpeechModel), _sim.Endpoint("openai"), SpeechModel),
        Client(reasonerTimeout).GetChatClient(ReasonModel).AsIChatClient());

    private AnalyzeRequest Request(int concurrency = 2) => new() { VideoPath = _video, Concurrency = concurrency };

    private static VideoAnalyzer Analyzer() => new(MediaEngineSource.Instance, MediaEngineSource.Instance);

    private IReadOnlyList<SimulatedRequest> Requests(string model) => [.. _sim.Requests.Where(r => r.Model == model)];

    [Fact]
    public async Task Plain_openai_clients_caption_transcribe_and_summarise_a_real_video_in_memory()
    {
        var outcome = await Analyzer().AnalyzeAsync(Request(), Plain());

        Assert.Null(outcome.Failure);
        Assert.Null(outcome.OutputDirectory);
        var report = outcome.Report;
        Assert.Equal("full", report.Mode);
        Assert.True(report.Samples.Count >= 4, $"{report.Samples.Count} samples");
        Assert.All(report.Samples, s => Assert.StartsWith($"Frame {Timecode.Clock(s.Time)}: a slide", s.Caption, StringComparison.Ordinal));
        Assert.All(report.Samples, s => Assert.Equal(CaptionModel, s.Model));
        Assert.Equal(report.Samples.Count, Requests(CaptionModel).Count);
        Assert.Equal([new Cuboid.Understanding.Reports.TranscriptSegment(0.5, 3.25, "Hello and welcome."), new Cuboid.Understanding.Reports.TranscriptSegment(12.5, 15, "Now the second part.")], report.Transcript);
        Assert.Equal("A short simulated talk.", report.Summary);
        Assert.Equal(["Welcome", "Second part"], report.Chapters.Select(c => c.Title));

        // Usage is counted from the responses: calls and tokens, the model that answered, no prices.
        var caption = report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Caption);
        Assert.Equal((report.Samples.Count, 0m), (caption.Calls, caption.Dollars));
        Assert.Equal([CaptionModel], caption.Models);
        Assert.Equal(_sim.Calls.Where(c => c.Request.Model == CaptionModel).Sum(c => c.Usage!.InputTokens), caption.InputTokens);
        Assert.Equal([ReasonModel], report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Reason).Models);
        Assert.Equal([SpeechModel], report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Transcribe).Models);
    }

    [Fact]
    public async Task The_file_sink_writes_the_report_folder_the_cli_writes()
    {
        var folder = VideoBuilder.NewFolder();
        var request = Request() with { OutputDirectory = Path.Combine(folder, "report") };

        var outcome = await Analyzer().AnalyzeAsync(request, Plain(), new FileAnalysisSink(cache: null));

        Assert.Equal(Path.GetFullPath(request.OutputDirectory), outcome.OutputDirectory);
        var written = Cuboid.Understanding.Reports.ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outcome.OutputDirectory!, "report.json")));
        Assert.Equal(outcome.Report.Summary, written.Summary);
        Assert.All(written.Samples, s => Assert.True(File.Exists(Path.Combine(outcome.OutputDirectory!, s.Frame))));
    }

    public static TheoryData<string> ReasonerFailures() => ["ServerError", "ConnectionReset", "Timeout"];

    [Theory]
    [MemberData(nameof(ReasonerFailures))]
    public async Task A_reasoner_that_fails_in_transport_keeps_the_captions_and_names_the_synthesis_stage(string failure)
    {
        _sim.ScriptAlways(ReasonModel, failure switch
        {
            "ServerError" => Fault.ServerError(500),
            "ConnectionReset" => Fault.ConnectionReset,
            _ => Fault.FirstByteAfter(TimeSpan.FromSeconds(3)),
        });

        var outcome = await Analyzer().AnalyzeAsync(Request(), Plain(reasonerTimeout: failure == "Timeout" ? TimeSpan.FromMilliseconds(500) : null));

        Assert.Equal(ErrorKind.Provider, outcome.Failure?.Kind);
        Assert.Equal("partial", outcome.Report.Mode);
        Assert.All(outcome.Report.Samples, s => Assert.NotNull(s.Caption));
        Assert.NotEmpty(outcome.Report.Transcript);
        Assert.Null(outcome.Report.Summary);
        var warning = Assert.Single(outcome.Report.Warnings, w => w.StartsWith("Stopped early:", StringComparison.Ordinal));
        Assert.Contains("the synthesis stage failed", warning, StringComparison.Ordinal);
        Assert.Contains(failure switch { "ServerError" => "HTTP 500", "ConnectionReset" => "connection failed", _ => "timed out" }, warning, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning);
        Assert.DoesNotContain(ProviderSimulator.DefaultApiKey, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_captioner_that_fails_mid_run_keeps_the_captions_it_wrote()
    {
        _sim.Script(CaptionModel, Fault.Ok, Fault.Ok).ScriptAlways(CaptionModel, Fault.ServerError(503));

        var outcome = await Analyzer().AnalyzeAsync(Request(concurrency: 1), Plain());

        Assert.Equal(ErrorKind.Provider, outcome.Failure?.Kind);
        Assert.Equal("partial", outcome.Report.Mode);
        var samples = outcome.Report.Samples;
        Assert.True(samples.Count >= 4);
        Assert.All(samples.Take(2), s => Assert.Equal(CaptionModel, s.Model));
        Assert.All(samples.Skip(2), s => Assert.Null(s.Caption));
        // The stage stopped at its first failure: no call after it, and no synthesis from half the pictures.
        Assert.Equal(3, Requests(CaptionModel).Count);
        Assert.Empty(Requests(ReasonModel));
        Assert.Contains(outcome.Report.Warnings, w => w.Contains("the caption stage failed (HTTP 503)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_callers_cancellation_still_cancels_the_run()
    {
        using var cancel = new CancellationTokenSource();
        var clients = Plain() with { Captioner = new CancellingChatClient(Client().GetChatClient(CaptionModel).AsIChatClient(), cancel) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Analyzer().AnalyzeAsync(Request(), clients, cancellationToken: cancel.Token));
        Assert.Empty(Requests(ReasonModel));
    }

    [Fact]
    public async Task The_answering_model_in_the_report_is_the_responses_model_id_routed_or_plain()
    {
        await using var world = await SimulatedProviders.StartAsync();
        var router = ModelRouter.Load(new PortfolioLoadOptions { ConfigPath = world.ConfigPath, WorkingDirectory = world.Folder, Environment = world });
        var routed = new ModelIdRecorder(router.BeginRun().GetChatClient(ModelTasks.Caption));
        var plain = new ModelIdRecorder(Client().GetChatClient(CaptionModel).AsIChatClient());

        var viaRouter = await Analyzer().AnalyzeAsync(Request(), new AnalysisClients(Captioner: routed));
        var direct = await Analyzer().AnalyzeAsync(Request(), new AnalysisClients(Captioner: plain));

        // The router's ModelId is the catalog id; a plain client's is the provider's model name. The report says the same.
        Assert.Equal(["openai:gpt-4.1-mini"], routed.ModelIds.Distinct());
        Assert.Equal([CaptionModel], plain.ModelIds.Distinct());
        Assert.Equal(routed.ModelIds.Order(), viaRouter.Report.Samples.Select(s => s.Model!).Order());
        Assert.Equal(plain.ModelIds.Order(), direct.Report.Samples.Select(s => s.Model!).Order());
        Assert.Equal(["openai:gpt-4.1-mini"], viaRouter.Report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Caption).Models);
    }

    /// <summary>Cancels the caller's token as the first caption request goes out, then makes the call with it.</summary>
    private sealed class CancellingChatClient(IChatClient inner, CancellationTokenSource cancel) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            cancel.Cancel();
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    /// <summary>Records the <c>ModelId</c> of every response that passes through it.</summary>
    private sealed class ModelIdRecorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        private readonly List<string> _ids = [];

        public IReadOnlyList<string> ModelIds
        {
            get
            {
                lock (_ids)
                {
                    return [.. _ids];
                }
            }
        }

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            lock (_ids)
            {
                _ids.Add(response.ModelId ?? "(none)");
            }

            return response;
        }
    }
}
