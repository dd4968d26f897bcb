using System.CommandLine;
using Cuboid.Cli.Rendering;
using Cuboid.Contracts;
using Cuboid.Media;
using Cuboid.Media.Audio;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid audio &lt;video&gt; [--out file.wav] [--from 10s --to 20s] [--json]</c>: 16 kHz mono audio and its sound/silence intervals.</summary>
public static class AudioCommand
{
    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video or audio file" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the audio as a 16 kHz mono 16-bit WAV file" };
        var from = new Option<string?>("--from") { Description = "Start of the range (e.g. 10s); default the start" };
        var to = new Option<string?>("--to") { Description = "End of the range (e.g. 1m20s); default the end" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("audio", "Extract 16 kHz mono audio and list where there is sound and where there is silence")
        {
            video, output, from, to, json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var range = new AudioRange(
                parse.GetValue(from) is { } start ? DurationParser.Parse(start) : null,
                parse.GetValue(to) is { } end ? DurationParser.Parse(end) : null);
            var result = await AudioExtractor.ExtractAsync(
                parse.GetValue(video)!.ToString(), parse.GetValue(output)?.ToString(), range, cancellationToken: cancellationToken);

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(AudioDocument.From(result)));
                return 0;
            }

            if (!result.HasAudio)
            {
                await console.Out.WriteLineAsync("no audio stream");
                return 0;
            }

            var table = new FittedTable(
                FittedColumn.Number("Start (s)", 9), FittedColumn.Number("End (s)", 8), FittedColumn.Number("Length (s)", 7), FittedColumn.Id("Kind"));
            foreach (var (interval, kind) in result.Activity.Select(a => (a, "sound")).Concat(result.Silences.Select(s => (s, "silence"))).OrderBy(x => x.Item1.Start))
            {
                table.AddRow(FramesCommand.Seconds(interval.Start), FramesCommand.Seconds(interval.End), FramesCommand.Seconds(interval.Duration), kind);
            }

            table.Write(console);
            var sound = TimeSpan.FromTicks(result.Activity.Sum(a => a.Duration.Ticks));
            await console.Out.WriteLineAsync(
                $"{result.Activity.Count} sound intervals, {FramesCommand.Seconds(sound)} s of {FramesCommand.Seconds(result.Duration)} s"
                + (result.WavPath is { } wav ? $"; wrote {wav}" : string.Empty));
            await MediaWarnings.WriteAsync(console, result.Warnings);
            return 0;
        });
        return command;
    }
}
