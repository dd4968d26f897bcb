using System.CommandLine;
using Cuboid.Cli.Rendering;
using Cuboid.Generation.LongForm;
using Cuboid.Media;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid drift VIDEO [--anchor img.png] [--segments 8s | --at t1,t2,...] [--out DIR] [--json]</c>.</summary>
public static class DriftCommand
{
    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video to measure (a chained long video, or any video)" };
        var anchor = new Option<FileInfo?>("--anchor") { Description = "Reference image drift is measured against (default: the first frame)" };
        var segments = new Option<string?>("--segments") { Description = "Segment length, e.g. 8s (default 8s)" };
        var at = new Option<string?>("--at") { Description = "Join times instead of fixed segments, e.g. 8,16.5,24" };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Write drift.json and drift.html into this folder" };
        var json = new Option<bool>("--json") { Description = "Print drift.json to stdout instead of the table" };
        var command = new Command("drift", "Measure colour, exposure, blur, flash, letterbox and motion drift across a video's segments (one decode)")
        {
            video,
            anchor,
            segments,
            at,
            output,
            json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var options = new DriftOptions
            {
                AnchorPath = parse.GetValue(anchor)?.ToString(),
                SegmentLength = parse.GetValue(segments) is { } length ? DurationParser.Parse(length) : null,
                JoinTimes = parse.GetValue(at) is { } times ? DriftOptions.ParseJoinTimes(times) : null,
            };
            options.Validate();
            var measurement = await DriftAnalyzer.MeasureAsync(parse.GetValue(video)!.ToString(), options, cancellationToken);
            IReadOnlyDictionary<string, string>? written = null;
            if (parse.GetValue(output) is { } folder)
            {
                written = DriftReportFolder.Write(measurement, folder.ToString());
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(DriftJson.Serialize(measurement.Report));
            }
            else
            {
                await DriftTableRenderer.RenderAsync(console, measurement.Report);
                if (written is not null)
                {
                    await console.Out.WriteLineAsync($"Wrote {string.Join(", ", written.Values.Order(StringComparer.Ordinal))}");
                }
            }

            return 0;
        });
        return command;
    }
}
