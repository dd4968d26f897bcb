// Analyzes a video from code with the same wiring as the `cuboid` command: `dotnet run --project samples/LibraryUsage [video]`.
// Keys come from the environment (OPENAI_API_KEY, GEMINI_API_KEY...); with none, the report is the structural one.
using Cuboid.Portfolio;
using Cuboid.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder().AddCuboidConfiguration().Build();
using var services = new ServiceCollection().AddCuboid(configuration).BuildServiceProvider();

var video = args.Length > 0 ? args[0] : Path.Combine("samples", "demo.mp4");
var outcome = await AnalysisSession.RunAsync(new AnalyzeOptions
{
    Request = new AnalyzeRequest { VideoPath = video, OutputDirectory = Path.Combine(Path.GetTempPath(), "cuboid-library-usage") },
    Budget = 0.05m,
    Services = services,
});

var report = outcome.Report;
Console.WriteLine($"{video}: {report.Video.DurationSeconds:0.#} s, {report.Scenes.Count} scenes, {report.Samples.Count} frames sampled");
Console.WriteLine(report.Summary ?? "(no model configured: structural report only)");
Console.WriteLine($"spent ${report.Usage.Total.Dollars:0.####} of $0.05 through {services.GetRequiredService<ModelRouter>().ProviderStatuses.Count(p => p.Configured)} configured providers; report in {outcome.OutputDirectory}");
