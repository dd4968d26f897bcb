using System.CommandLine;
using Cuboid.Cli.Rendering;
using Cuboid.Media;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.DependencyInjection;
using Cuboid.DependencyInjection;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid analyze &lt;video&gt;</c>: samples, captions, transcribes and summarises a video into a report
/// folder (json, md, vtt, html, frames), or prices the plan with <c>--dry-run</c>.
/// </summary>
public static class AnalyzeCommand
{
    public const string ConfigureHint = "no model provider is configured, so this is the structural report only (scenes, samples, motion, audio); set OPENAI_API_KEY, GEMINI_API_KEY, ANTHROPIC_API_KEY, OPENROUTER_API_KEY, GROQ_API_KEY or OLLAMA_HOST, or add providers to cuboid.json (see README)";

    // Keys come only from the environment; the variables match docs/CLI.md's Configuration table.
    private const string Epilog = """
        Providers: set any of these (keys are read only from the environment):
          OPENAI_API_KEY  GEMINI_API_KEY  ANTHROPIC_API_KEY  OPENROUTER_API_KEY
          GROQ_API_KEY    OLLAMA_HOST (a local Ollama, e.g. 127.0.0.1:11434)
          cuboid.json: custom endpoints, models per task (docs/CLI.md, Configuration)
        With none, analyze writes the structural report (scenes, samples, motion,
        audio). --dry-run shows the model each stage would use, and its price.

        Examples:
          cuboid analyze talk.mp4              report in talk.mp4.cuboid/ (report.html)
          cuboid analyze talk.mp4 --dry-run    the plan and its price; calls no model
          cuboid analyze talk.mp4 --budget 0.50 --prompt "the prices on the slides"

        Exit codes: 0 done, 2 bad option, 3 bad or unreadable input,
          4 providers failed (partial report), 5 budget reached (partial report),
          130 cancelled
        """;

    private const string CacheDirectoryKey = $"{CuboidServiceCollectionExtensions.SectionName}:Storage:{nameof(CuboidStorageOptions.CacheDirectory)}";

    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video to analyze (with --server: a folder of videos or a list file)" };
        var server = new Option<string?>("--server") { Description = "Analyze a folder or list of videos as one batch on this gateway (index.html and batch.json in --out)" };
        var key = new Option<string?>("--key") { Description = "The gateway key for --server (default: CUBOID_API_KEY)" };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Report folder (default: <video>.cuboid/ beside the video)" };
        var every = new Option<string>("--every") { Description = "Sample a frame this often", DefaultValueFactory = _ => "5s" };
        var noScenes = new Option<bool>("--no-scenes") { Description = "Do not sample after scene cuts" };
        var maxFrames = new Option<int?>("--max-frames") { Description = "Caption at most N frames (cuts first, the rest spread evenly)" };
        var captioner = new Option<string?>("--captioner") { Description = "Pin the caption model (provider:model)" };
        var transcriber = new Option<string?>("--transcriber") { Description = "Pin the transcription model (provider:model)" };
        var reasoner = new Option<string?>("--reasoner") { Description = "Pin the reasoning model (provider:model)" };
        var policy = new Option<string?>("--policy") { Description = "Routing policy for every stage: quality, cost, balanced or latency (default: balanced for captions and transcription, quality for reasoning)" };
        var budget = new Option<decimal?>("--budget") { Description = "Stop before spending more than this many dollars (partial report, exit code 5)" };
        var language = new Option<string?>("--language") { Description = "Spoken language (ISO 639-1, e.g. en) for transcription" };
        var prompt = new Option<string?>("--prompt") { Description = "What you especially want to know; focuses captions and summary" };
        var concurrency = new Option<int>("--concurrency") { Description = "Caption calls in flight at once", DefaultValueFactory = _ => 4 };
        var format = new Option<string>("--format") { Description = "Report files to write: any of json,md,vtt,html", DefaultValueFactory = _ => "json,md,vtt,html" };
        var json = new Option<bool>("--json") { Description = "Print the report (or the dry-run plan) as JSON on stdout" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan and its price; call no model, write nothing" };
        var offline = new Option<bool>("--offline") { Description = "Call no model: the structural report only" };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Cache folder (default ~/.cache/cuboid)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the cache" };
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("analyze", "Understand a video: captions, transcript, summary, chapters; report.json/md/html and chapters.vtt")
        {
            video, output, every, noScenes, maxFrames, captioner, transcriber, reasoner, policy, budget, language, prompt,
            concurrency, format, json, dryRun, offline, cache, noCache, config, catalog, server, key,
        };
        HelpWithEpilog.Set(command, Epilog);
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            if (parse.GetValue(server) is { } serverUrl)
            {
                var gateway = GatewayUrl.From(serverUrl)!;
                // Checked here, before the corpus is read or a batch opened: a server takes 1-32 (AnalyzeRequest allows 64 locally).
                if (parse.GetValue(concurrency) is < 1 or > Cuboid.Server.Batches.BatchRecord.MaxCaptionConcurrency)
                {
                    throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Concurrency, $"{CuboidParameters.Concurrency} must be between 1 and {Cuboid.Server.Batches.BatchRecord.MaxCaptionConcurrency} on a server");
                }

                // A corpus on a gateway: the batch's options are the ones a server run takes.
                var batchOptions = new
                {
                    every = DurationParser.Parse(parse.GetValue(every)!).TotalSeconds,
                    focus = parse.GetValue(prompt),
                    language = parse.GetValue(language),
                    offline = parse.GetValue(offline),
                    concurrency = parse.GetValue(concurrency),
                    budget = parse.GetValue(budget),
                };
                return await AnalyzeBatch.RunAsync(console, parse.GetValue(video)!.ToString(), gateway, parse.GetValue(key) ?? Environment.GetEnvironmentVariable("CUBOID_API_KEY"),
                    batchOptions, parse.GetValue(output)?.ToString(), cancellationToken);
            }

            // Paths as typed (analyze's messages name them so); --cache moves the cache the container opens. Nothing is
            // read until the request and the budget are checked.
            using var services = PortfolioCliOptions.Services(parse.GetValue(config)?.ToString(), parse.GetValue(catalog)?.ToString(),
                new KeyValuePair<string, string?>(CacheDirectoryKey, parse.GetValue(cache)?.ToString()));
            var options = new AnalyzeOptions
            {
                Request = new AnalyzeRequest
                {
                    VideoPath = parse.GetValue(video)!.ToString(),
                    OutputDirectory = parse.GetValue(output)?.ToString(),
                    Sampling = new SamplingSettings(DurationParser.Parse(parse.GetValue(every)!).TotalSeconds, !parse.GetValue(noScenes)),
                    MaxFrames = parse.GetValue(maxFrames),
                    Focus = parse.GetValue(prompt),
                    Language = parse.GetValue(language),
                    Concurrency = parse.GetValue(concurrency),
                    Formats = ReportFormatList.Parse(parse.GetValue(format)),
                    Offline = parse.GetValue(offline),
                },
                Models = new AnalysisModelChoices(parse.GetValue(captioner), parse.GetValue(transcriber), parse.GetValue(reasoner), PortfolioCliOptions.ParsePolicy(parse.GetValue(policy))),
                Budget = parse.GetValue(budget),
                NoCache = parse.GetValue(noCache),
                Services = services,
            };

            if (parse.GetValue(dryRun))
            {
                var plan = await AnalysisSession.PlanAsync(options, cancellationToken);
                AnalyzePlanRenderer.Render(console, plan, parse.GetValue(json));
                await MediaWarnings.WriteAsync(console, plan.Warnings);
                return 0;
            }

            var asJson = parse.GetValue(json);
            var outcome = await AnalyzeProgressRenderer.RunAsync(console, quiet: asJson, progress => AnalysisSession.RunAsync(options, progress, cancellationToken));
            if (asJson)
            {
                await console.Out.WriteLineAsync(ReportJson.Serialize(outcome.Report));
            }
            else
            {
                AnalyzeReportRenderer.Render(console, outcome);
            }

            if (outcome.Failure is null)
            {
                // On failure the one error line says it all; the report keeps every warning.
                await MediaWarnings.WriteAsync(console, outcome.Report.Warnings);
            }

            if (outcome.NoProviderConfigured)
            {
                await console.Error.WriteLineAsync("cuboid: " + ConfigureHint);
            }

            if (outcome.Failure is { } failure)
            {
                // Same kind, code and parameter; the message as the command line writes it, plus where the partial report is.
                throw new CuboidException(
                    failure.Kind, failure.Code, $"{CliErrorMapper.Message(failure)} (partial report written to {outcome.OutputDirectory})", failure.Parameter, failure);
            }

            return 0;
        });
        return command;
    }
}
