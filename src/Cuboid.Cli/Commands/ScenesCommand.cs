using System.CommandLine;
using Cuboid.Cli.Rendering;
using System.Globalization;
using Cuboid.Contracts;
using Cuboid.Media;
using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid scenes &lt;video&gt; [--detector content|adaptive] [--threshold X] [--min-scene 0.6s] [--json]</c>.</summary>
public static class ScenesCommand
{
    /// <summary>Files shorter than this finish before a progress bar would help.</summary>
    private const double ProgressAfterSeconds = 60;

    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video to scan for shot boundaries" };
        var detector = new Option<string>("--detector", "-d")
        {
            Description = "content (HSV difference, threshold 27) or adaptive (score against its neighbours, threshold 3.0)",
            DefaultValueFactory = _ => "content",
        };
        var threshold = new Option<double?>("--threshold", "-t") { Description = "Cut threshold (default: 27 for content, 3.0 for adaptive)" };
        var minScene = new Option<string>("--min-scene")
        {
            Description = "Shortest scene; closer cuts are dropped (e.g. 0.6s, 500ms, 1s)",
            DefaultValueFactory = _ => "0.6s",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("scenes", "Find hard cuts and fades in a video (one decode, PySceneDetect-compatible scores)")
        {
            video,
            detector,
            threshold,
            minScene,
            json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var scenes = new SceneDetectionOptions
            {
                Detector = ParseDetector(parse.GetValue(detector)),
                Threshold = parse.GetValue(threshold),
                MinSceneLength = DurationParser.Parse(parse.GetValue(minScene) ?? "0.6s"),
            };
            // Only cuts come out of this pass (no caption JPEGs, no plan to agree with), so the decoder skips deblocking on
            // every frame: about a tenth of an H.264 decode, with the same boundaries (docs/PERFORMANCE.md, "Analysis pass").
            var options = new AnalysisOptions { SampleInterval = null, SampleAfterCuts = false, Scenes = scenes, Deblocking = DeblockingSkip.All };
            options.Validate();
            var path = parse.GetValue(video)!.ToString();
            var result = await RunAsync(console, path, options, cancellationToken);
            if (result.Truncation is { } truncation)
            {
                await console.Error.WriteLineAsync($"cuboid: warning: {truncation.Warning(path)}");
            }

            if (result.DecodeWarning is { } warning)
            {
                await console.Error.WriteLineAsync($"cuboid: warning: {path}: {warning}");
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(ScenesDocument.From(result, scenes)));
            }
            else
            {
                Render(console, result, scenes);
            }

            return 0;
        });
        return command;
    }

    internal static SceneDetectorKind ParseDetector(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "content" => SceneDetectorKind.Content,
        "adaptive" => SceneDetectorKind.Adaptive,
        _ => throw CuboidException.Usage($"unknown detector '{name}'; use content or adaptive"),
    };

    private static async Task<AnalysisResult> RunAsync(CliConsole console, string path, AnalysisOptions options, CancellationToken cancellationToken)
    {
        if (!console.Interactive)
        {
            return await AnalysisPass.RunAsync(path, options, cancellationToken);
        }

        AnalysisResult? result = null;
        await console.Ansi.Progress().AutoClear(true).StartAsync(async context =>
        {
            ProgressTask? bar = null;
            var progress = new Progress<DecodeProgress>(p =>
            {
                if (bar is null && p.Duration >= ProgressAfterSeconds)
                {
                    bar = context.AddTask("Scanning for scenes", maxValue: 1);
                }

                bar?.Value = p.Fraction;
            });
            result = await AnalysisPass.RunAsync(path, options with { Progress = progress }, cancellationToken);
        });
        return result!;
    }

    private static void Render(CliConsole console, AnalysisResult result, SceneDetectionOptions scenes)
    {
        var table = new FittedTable(
            FittedColumn.Number("#", 5), FittedColumn.Number("Time (s)", 9), FittedColumn.Text("Timecode", 6), FittedColumn.Number("Frame", 7),
            FittedColumn.Text("Kind", 8), FittedColumn.Number("Score", 4));
        var number = 0;
        foreach (var boundary in result.Boundaries)
        {
            table.AddRow(
                boundary.Kind == SceneBoundaryKind.Cut ? (++number).ToString(CultureInfo.InvariantCulture) : string.Empty,
                boundary.Time.ToString("0.000", CultureInfo.InvariantCulture),
                SceneBoundaryEntry.TimecodeOf(boundary.Time),
                boundary.Frame.ToString(CultureInfo.InvariantCulture),
                SceneBoundaryEntry.KindName(boundary),
                boundary.Score.ToString("0.###", CultureInfo.InvariantCulture));
        }

        if (result.Boundaries.Count > 0)
        {
            table.Write(console);
        }

        // Plain text, wrapped at spaces to the terminal (or COLUMNS): never inside a number.
        var cuts = result.Cuts.Count;
        WrappedText.WriteLine(console, string.Create(
            CultureInfo.InvariantCulture,
            $"{cuts} cut{(cuts == 1 ? "" : "s")}, {cuts + 1} scene{(cuts == 0 ? "" : "s")} in {Covered(result)} ({result.FrameCount} frames{(result.Truncation is null ? "" : "; the file is truncated")}); "
            + $"{ScenesDocument.DetectorName(scenes.Detector)} detector, threshold {scenes.EffectiveThreshold:0.###}, min scene {scenes.MinSceneLength.TotalSeconds:0.###} s"));
    }

    // A truncated file's scenes cover only what decoded, and the summary says so.
    private static string Covered(AnalysisResult result) => result.Truncation is { } truncation
        ? string.Create(CultureInfo.InvariantCulture, $"the first {result.End:0.###} s of {truncation.ExpectedLength.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{result.Duration:0.###} s");
}
