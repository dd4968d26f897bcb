using System.CommandLine;
using Cuboid.Cli.Rendering;
using System.Globalization;
using Cuboid.Contracts;
using Cuboid.Media.Probe;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid probe &lt;video&gt; [--json]</c>: the facts ffprobe knows about a file.</summary>
public static class ProbeCommand
{
    public static Command Create(CliConsole console)
    {
        var video = new Argument<FileInfo>("video") { Description = "The video (or audio) file to inspect" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("probe", "Show duration, container, streams, size, rotation and frame rate of a video")
        {
            video,
            json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var file = parse.GetValue(video)!;
            var info = await VideoProbe.ProbeAsync(file.ToString(), cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(ProbeDocument.From(info)));
            }
            else
            {
                Render(console, info);
            }

            return 0;
        });
        return command;
    }

    private static void Render(CliConsole console, VideoInfo info)
    {
        var table = new FittedTable(FittedColumn.Id("Property"), FittedColumn.Prose("Value", 1));
        void Row(string name, string value) => table.AddRow(name, value);

        Row("File", info.Path);
        Row("Container", info.Container);
        Row("Duration", $"{Seconds(info.Duration)} s");
        Row("Start time", $"{Seconds(info.StartTime)} s");
        Row("Size", $"{info.SizeBytes:N0} bytes");
        if (info.BitRate is { } bitRate)
        {
            Row("Bit rate", $"{bitRate / 1000.0:0.#} kb/s");
        }

        if (info.Video is { } v)
        {
            Row("Video codec", v.Codec + (v.PixelFormat is { } pf ? $" ({pf})" : string.Empty));
            Row("Coded size", $"{v.Width}x{v.Height}");
            Row("Display size", $"{v.DisplayWidth}x{v.DisplayHeight}");
            Row("Aspect (SAR / DAR)", $"{v.SampleAspectRatio.ToString().Replace('/', ':')} / {v.DisplayAspectRatio.ToString().Replace('/', ':')}");
            Row("Rotation", $"{v.Rotation}°");
            Row("Frame rate (avg / real)", $"{Rate(v.AverageFrameRate)} / {Rate(v.RealFrameRate)}{(v.IsVariableFrameRate ? " (variable)" : string.Empty)}");
            Row("Frames", v.FrameCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown");
            if (v.BitRate is { } videoBitRate)
            {
                Row("Video bit rate", $"{videoBitRate / 1000.0:0.#} kb/s");
            }
        }
        else
        {
            Row("Video", "none (audio only)");
        }

        if (info.AudioStreams.Count == 0)
        {
            Row("Audio", "none");
        }

        foreach (var a in info.AudioStreams)
        {
            Row($"Audio #{a.Index}", $"{a.Codec}, {a.SampleRate} Hz, {a.Channels} ch{(a.ChannelLayout is { } layout ? $" ({layout})" : string.Empty)}");
        }

        table.Write(console);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Rate(Rational? rate) =>
        rate is { } r ? $"{r.Value.ToString("0.###", CultureInfo.InvariantCulture)} fps ({r})" : "unknown";
}
