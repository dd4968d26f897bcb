using System.CommandLine;
using Cuboid.Cli.Rendering;
using System.Globalization;
using Cuboid.Contracts;
using Cuboid.Media;
using Cuboid.Media.Frames;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid frames &lt;video&gt; (--every 5s | --at 12.5,40) --out DIR</c>: export upright, display-aspect images.</summary>
public static class FramesCommand
{
    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video to take frames from" };
        var every = new Option<string?>("--every") { Description = "One frame every interval, first frame included (5s, 500ms, 1m30s)" };
        var at = new Option<string?>("--at") { Description = "Comma-separated times in seconds or with units (12.5,40,1m)" };
        var maxSize = new Option<int>("--max-size") { Description = "Longest side of each image in pixels", DefaultValueFactory = _ => 768 };
        var format = new Option<string>("--format") { Description = "Image format: jpg or png", DefaultValueFactory = _ => "jpg" };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder to write the images into", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };

        var command = new Command("frames", "Export frame-accurate images at an interval or at chosen times")
        {
            video, every, at, maxSize, format, output, json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var everyText = parse.GetValue(every);
            var atText = parse.GetValue(at);
            if ((everyText is null) == (atText is null))
            {
                throw CuboidException.Usage("give exactly one of --every (e.g. --every 5s) or --at (e.g. --at 12.5,40)");
            }

            var options = new FrameExportOptions
            {
                MaxSize = parse.GetValue(maxSize),
                Format = parse.GetValue(format)?.ToLowerInvariant() switch
                {
                    "jpg" or "jpeg" => FrameImageFormat.Jpeg,
                    "png" => FrameImageFormat.Png,
                    var other => throw CuboidException.Usage($"--format must be jpg or png, not '{other}'"),
                },
            };
            var path = parse.GetValue(video)!.ToString();
            var folder = parse.GetValue(output)!.ToString();
            var result = everyText is not null
                ? await FrameExporter.ExportEveryAsync(path, DurationParser.Parse(everyText), folder, options, cancellationToken: cancellationToken)
                : await FrameExporter.ExportAtAsync(path, DurationParser.ParseList(atText!), folder, options, cancellationToken: cancellationToken);

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(FramesDocument.From(result)));
                return 0;
            }

            var table = new FittedTable(
                FittedColumn.Number("Time (s)", 9), FittedColumn.Number("Requested (s)", 5, "Asked"), FittedColumn.Text("Size", 6), FittedColumn.Id("File"));
            foreach (var frame in result.Frames)
            {
                table.AddRow(Seconds(frame.Timestamp), Seconds(frame.Requested), $"{frame.Width}x{frame.Height}", Path.GetFileName(frame.Path));
            }

            table.Write(console);
            var written = result.Frames.Count > 0 ? Path.GetDirectoryName(result.Frames[0].Path) : folder;
            await console.Out.WriteLineAsync($"{result.Frames.Count} frames in {written} ({Method(result.Method)})");
            await MediaWarnings.WriteAsync(console, result.Warnings);
            return 0;
        });
        return command;
    }

    internal static string Method(FrameExportMethod method) =>
        method == FrameExportMethod.SinglePass ? "one decode pass" : "one seek per frame";

    internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
