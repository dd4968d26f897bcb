using System.CommandLine;
using Cuboid.Cli.Rendering;
using Cuboid.Contracts;
using Cuboid.Media;
using Cuboid.Media.Frames;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid keyframes &lt;video&gt; --out DIR [--max-size 320]</c>: thumbnails of the keyframes only, fast.</summary>
public static class KeyframesCommand
{
    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video to preview" };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder to write the thumbnails into", Required = true };
        var maxSize = new Option<int>("--max-size") { Description = "Longest side of each thumbnail in pixels", DefaultValueFactory = _ => 320 };
        var minGap = new Option<string?>("--min-gap") { Description = "Keep at most one keyframe per interval (e.g. 10s)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("keyframes", "Quick preview: decode only the keyframes and write them as thumbnails")
        {
            video, output, maxSize, minGap, json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var options = new KeyframePreviewOptions
            {
                MaxSize = parse.GetValue(maxSize),
                MinGap = parse.GetValue(minGap) is { } gap ? DurationParser.Parse(gap) : null,
            };
            var result = await KeyframePreview.CreateAsync(
                parse.GetValue(video)!.ToString(), parse.GetValue(output)!.ToString(), options, cancellationToken: cancellationToken);

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(KeyframesDocument.From(result)));
                return 0;
            }

            var table = new FittedTable(FittedColumn.Number("Time (s)", 9), FittedColumn.Text("Size", 6), FittedColumn.Id("File"));
            foreach (var frame in result.Frames)
            {
                table.AddRow(FramesCommand.Seconds(frame.Timestamp), $"{frame.Width}x{frame.Height}", Path.GetFileName(frame.Path));
            }

            table.Write(console);
            await console.Out.WriteLineAsync($"{result.Frames.Count} keyframes in {Path.GetDirectoryName(result.Frames[0].Path)}");
            await MediaWarnings.WriteAsync(console, result.Warnings);
            return 0;
        });
        return command;
    }
}
