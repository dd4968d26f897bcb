using System.CommandLine;
using Cuboid.Cli.Rendering;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cuboid.Contracts;
using Cuboid.Spacetime;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid tokens</c>: how many space-time tokens a model family makes of a clip or a real video file.</summary>
public static class TokensCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Terminal and file output, never embedded in HTML: keep "+", "'" and "×" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model family id, e.g. wan2.1-t2v-14b", Required = true };
        var size = new Option<string?>("--size", "-s") { Description = "WIDTHxHEIGHT in pixels (default: the family's default size)" };
        var frames = new Option<int?>("--frames") { Description = "Frames in the clip (default: the family's default clip)" };
        var seconds = new Option<double?>("--seconds") { Description = "Clip length in seconds, instead of --frames" };
        var fps = new Option<double?>("--fps") { Description = "Frame rate for --seconds (default: the family's)" };
        var fit = new Option<string?>("--fit")
        {
            Description = "When the size is not a multiple of the VAE factor × patch: crop or pad (default: refuse; --video: crop)",
        };
        var video = new Option<FileInfo?>("--video") { Description = "Count a real video file's tokens (its display size, duration and frame rate)" };
        var families = new Option<FileInfo?>("--families") { Description = "JSON file of extra or replacement model families ({\"families\": [...]})" };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table" };
        var command = new Command("tokens", "Count the space-time tokens a video model makes of a clip or a video file")
        {
            model, size, frames, seconds, fps, fit, video, families, json,
        };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var family = ModelFamilyCatalog.Load(parse.GetValue(families)?.FullName).Find(parse.GetValue(model)!);
            var policy = parse.GetValue(fit) is { } text ? ClipRequest.ParseFit(text) : (UnevenShapePolicy?)null;
            TokenReport report;
            if (parse.GetValue(video) is { } file)
            {
                if (parse.GetValue(size) is not null || parse.GetValue(frames) is not null || parse.GetValue(seconds) is not null)
                {
                    throw CuboidException.Usage("--video takes its size and length from the file; leave out --size, --frames and --seconds");
                }

                report = await VideoTokenCounter.CountAsync(file.FullName, family, parse.GetValue(fps), policy ?? UnevenShapePolicy.Crop, ct);
            }
            else
            {
                var request = new ClipRequest
                {
                    Size = parse.GetValue(size) is { } s ? PixelSize.Parse(s) : null,
                    Frames = parse.GetValue(frames),
                    Seconds = parse.GetValue(seconds),
                    Fps = parse.GetValue(fps),
                    Fit = policy ?? UnevenShapePolicy.Reject,
                };
                report = TokenCounter.Report(family, request);
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ContractJson.Serialize(TokensDocument.From(report)));
            }
            else
            {
                Render(console, report);
            }

            return 0;
        });
        return command;
    }

    private static void Render(CliConsole console, TokenReport report)
    {
        var (f, c) = (report.Family, report.Count);
        var table = new FittedTable(FittedColumn.Id("Quantity"), FittedColumn.Prose("Value", 1));
        table.AddRow("Model", $"{f.Name} ({f.Id})");
        if (report.Source is { } source)
        {
            table.AddRow("Video file", Invariant(
                $"{source.Path}: {source.Width}×{source.Height}, {source.Seconds:0.##} s at {source.Fps:0.##} fps"));
        }

        var image = f.Kind == FamilyKind.Image || c.Frames == 1;
        table.AddRow(image ? "Image as the model sees it" : "Clip as the model sees it", image
            ? Invariant($"{c.Width}×{c.Height} image")
            : Invariant($"{c.Width}×{c.Height}, {c.Frames:N0} frames at {report.Fps:0.##} fps ({report.Seconds:0.##} s)"));
        if (report.SampledFrames is { } sampled && sampled != c.Frames)
        {
            table.AddRow("Frames", Invariant(
                $"{sampled:N0} at {report.Fps:0.##} fps, snapped to the nearest {WholeFramesRule(f)}: {c.Frames:N0}{(c.Frames > sampled ? $" (the last frame repeats {c.Frames - sampled}×)" : "")}"));
        }
        else if (f.Vae.EncodedFrames(c.Frames) is var encoded && encoded != c.Frames)
        {
            table.AddRow("Frames", Invariant(
                $"the VAE encodes {encoded:N0} of the {c.Frames:N0} (whole groups: {WholeFramesRule(f)}); the last {c.Frames - encoded} are dropped"));
        }

        var causal = f.Vae.TemporalChunk is { } chunk
            ? Invariant($"chunked, {chunk.Frames} frames → {chunk.Latents} latents")
            : f.Kind == FamilyKind.Image ? "image VAE"
            : f.Vae.CausalFirstFrame ? "causal: 1 + (F − 1) / t" : "non-causal";
        table.AddRow("VAE", Invariant($"{f.Vae.TemporalFactor}×{f.Vae.SpatialFactor}×{f.Vae.SpatialFactor}, {f.Vae.LatentChannels} channels ({causal})"));
        table.AddRow("Latent (T, H, W)", Invariant($"{c.LatentFrames} × {c.LatentHeight} × {c.LatentWidth}"));
        table.AddRow("Patch (t, h, w) → grid", Invariant($"{f.Patch.T}×{f.Patch.H}×{f.Patch.W} → {c.GridT} × {c.GridH} × {c.GridW}"));
        table.AddRow(image ? "Image tokens" : "Video tokens", Invariant($"{c.VideoTokens:N0}"));
        table.AddRow("Text tokens", Invariant($"{c.TextTokens:N0} ({(f.Attention == AttentionKind.Joint ? "joint attention: in the sequence" : "cross-attention")})"));
        table.AddRow("Self-attention sequence", Invariant($"{c.SequenceTokens:N0}"));
        table.Write(console);
        if (c.Fitted)
        {
            WrappedText.WriteLine(console, Invariant(
                $"Size fitted by {(c.Fit == UnevenShapePolicy.Crop ? "cropping" : "padding")} {c.Requested.Width}×{c.Requested.Height} to {c.Width}×{c.Height} (multiples of {f.Vae.SpatialFactor * f.Patch.W}×{f.Vae.SpatialFactor * f.Patch.H})."));
        }
    }

    // The frame counts the family's VAE encodes whole, as a rule a person can check.
    private static string WholeFramesRule(ModelFamily f) => f.Vae.TemporalChunk is { } chunk
        ? Invariant($"multiple of {chunk.Frames}")
        : f.Vae.CausalFirstFrame ? Invariant($"1 + k·{f.Vae.TemporalFactor}") : Invariant($"multiple of {f.Vae.TemporalFactor}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
