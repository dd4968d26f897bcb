using System.CommandLine;
using System.Globalization;
using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Cuboid.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cuboid.Cli.Commands;

/// <summary>Options shared by <c>generate</c> and <c>jobs</c>, the session they build, and how they report a job.</summary>
internal static class GenerationCliOptions
{
    // One client for the process: video hosts are polled for minutes, each request is short.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public static Option<FileInfo?> Catalog() => new("--catalog")
    {
        Description = "Video catalog overlay merged over the shipped one (hosts and models replaced by id; docs/CATALOG.md; default: ~/.config/cuboid/video.json when present)",
    };

    public static Option<DirectoryInfo?> Store() => new("--store")
    {
        Description = "Folder of the job store (default: ~/.local/share/cuboid; $XDG_DATA_HOME honoured)",
    };

    public static Option<DirectoryInfo?> Out() => new("--out", "-o") { Description = "Where to save the MP4 and its JSON sidecar (default: the current folder)" };

    private const string JobStoreKey = $"{CuboidServiceCollectionExtensions.SectionName}:Storage:{nameof(CuboidStorageOptions.JobStoreDirectory)}";

    /// <summary>The session of <c>generate</c> and <c>jobs</c>: the job store and the keys from the container (video hosts never read cuboid.json).</summary>
    public static GenerationSession Session(ParseResult parse, Option<FileInfo?> catalog, Option<DirectoryInfo?> store, decimal? budget = null)
    {
        var videoCatalog = LoadCatalog(parse, catalog);
        using var services = CliServices.Create(overrides: [new(JobStoreKey, parse.GetValue(store)?.FullName)], readConfigFile: false);
        // The job runner logs through the command's logger (stderr, by --verbose), like the router and the analyzer.
        return new GenerationSession(videoCatalog, services.GetRequiredService<IVideoJobStore>(), services.GetRequiredService<IEnvironmentVariables>(),
            Http, new RunScope(new RunOptions { Budget = budget })) { LoggerFactory = services.GetService<ILoggerFactory>() };
    }

    /// <summary>The image portfolio (<c>cuboid image</c>): the same catalog, hosts and keys as video, no job store.</summary>
    public static Cuboid.Generation.Images.PortfolioImageGenerator Images(ParseResult parse, Option<FileInfo?> catalog, decimal? budget)
    {
        var loaded = LoadCatalog(parse, catalog);
        using var services = CliServices.Create(readConfigFile: false);
        var run = new RunScope(new RunOptions { Budget = budget });
        return new(loaded, new VideoHostDirectory(loaded, services.GetRequiredService<IEnvironmentVariables>(), Http), new RatingDecay(), run.Budget, run.Ledger);
    }

    /// <summary>The shipped video catalog with <c>--catalog</c>, else the overlay <c>models update</c> writes, when it exists.</summary>
    public static VideoCatalog LoadCatalog(ParseResult parse, Option<FileInfo?> catalog) =>
        VideoCatalog.Load(parse.GetValue(catalog)?.FullName, ProcessEnvironment.Instance);

    /// <summary>Saves a succeeded job's outputs, prints where and its warnings, and turns a failed job into a Provider error (exit 4).</summary>
    public static async Task<int> FinishAsync(CliConsole console, VideoJob job, string outDirectory, bool json)
    {
        foreach (var warning in job.Warnings)
        {
            await console.Error.WriteLineAsync($"cuboid: warning: {warning}");
        }

        if (job.State != VideoJobState.Succeeded)
        {
            if (json)
            {
                await console.Out.WriteLineAsync(VideoJobExport.Json(job));
            }

            throw CuboidException.Provider($"job {job.Id} ended {job.State.Word()} at {job.Host}{(job.Error is null ? "" : $": {job.Error}")}");
        }

        var files = VideoJobExport.Save(job, outDirectory);
        if (json)
        {
            await console.Out.WriteLineAsync(VideoJobExport.Json(job));
            return ExitCodes.Ok;
        }

        var output = job.Outputs[0];
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{files[0]}: {output.Width}x{output.Height}, {output.Seconds:0.##} s, {output.FramesPerSecond:0.##} fps{(output.HasAudio ? ", audio" : "")}; {job.Model ?? job.HostModel} on {job.Host}; ${job.ActualCost ?? 0:0.####} (estimated ${job.EstimatedCost:0.####})"));
        await console.Out.WriteLineAsync($"sidecar: {files[^1]}");
        return ExitCodes.Ok;
    }
}
