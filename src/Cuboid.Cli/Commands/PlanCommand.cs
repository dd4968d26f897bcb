using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Compute;
using Cuboid.Spacetime;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid plan llm|image|video|ladder</c>: FLOPs, bytes, roofline, GPU time and cost of a workload.</summary>
public static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var plan = new Command("plan", "Estimate FLOPs, memory traffic, roofline bound, GPU time and cost before spending anything");
        plan.Subcommands.Add(Llm(console));
        plan.Subcommands.Add(Diffusion(console, "image", "Plan one image from a diffusion transformer (e.g. flux.1-dev)", "flux.1-dev", video: false));
        plan.Subcommands.Add(Diffusion(console, "video", "Plan one clip from a video diffusion transformer (e.g. wan2.1-t2v-14b)", "wan2.1-t2v-14b", video: true));
        plan.Subcommands.Add(Ladder(console));
        return plan;
    }

    private static Command Llm(CliConsole console)
    {
        var shared = new PlanSharedOptions();
        var parameters = new Option<string>("--params", "-p") { Description = "Parameters (non-embedding), e.g. 8B, 70.6B, 1.3e9", Required = true };
        var prompt = new Option<long>("--prompt-tokens") { Description = "Prompt tokens per sequence", DefaultValueFactory = _ => 200 };
        var output = new Option<long>("--output-tokens") { Description = "Generated tokens per sequence", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch", "-b") { Description = "Sequences decoded together", DefaultValueFactory = _ => 1 };
        var layers = new Option<int?>("--layers") { Description = "Transformer layers (with --attention-width: counts attention and KV-cache traffic)" };
        var width = new Option<int?>("--attention-width") { Description = "Attention width d_attn = heads × head dimension" };
        var kv = new Option<int?>("--kv-width") { Description = "K (and V) width per layer = KV heads × head dimension (GQA); default --attention-width" };
        var command = new Command("llm", "Plan an LLM request: prefill the prompt, then decode the output") { parameters, prompt, output, batch, layers, width, kv };
        shared.AddTo(command);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var workload = new LlmWorkload(ParameterCount.Parse(parse.GetValue(parameters)!), parse.GetValue(prompt), parse.GetValue(output), parse.GetValue(batch))
            {
                Layers = parse.GetValue(layers),
                AttentionWidth = parse.GetValue(width),
                KvWidth = parse.GetValue(kv),
            };
            var result = ComputePlanner.Plan(workload, shared.Assumptions(parse));
            await WriteAsync(console, parse.GetValue(shared.Json), result, RenderPlan);
            return 0;
        });
        return command;
    }

    private static Command Diffusion(CliConsole console, string name, string description, string defaultModel, bool video)
    {
        var shared = new PlanSharedOptions();
        var model = new Option<string>("--model", "-m") { Description = $"Model family id (default {defaultModel})", DefaultValueFactory = _ => defaultModel };
        var size = new Option<string?>("--size", "-s") { Description = "WIDTHxHEIGHT in pixels, e.g. 1280x720 or 3840x2160 (default: the family's)" };
        var steps = new Option<int?>("--steps") { Description = "Denoising steps (default: the family's)" };
        var passes = new Option<int?>("--passes") { Description = "Transformer forwards per step: 2 with CFG, 1 distilled, 3 with two guidance terms (default: the family's)" };
        var fit = new Option<string?>("--fit") { Description = "When the size does not divide: crop or pad (default: refuse)" };
        var frames = new Option<int?>("--frames") { Description = "Frames (default: the family's default clip)" };
        var seconds = new Option<double?>("--seconds") { Description = "Clip length in seconds, instead of --frames" };
        var fps = new Option<double?>("--fps") { Description = "Frame rate for --seconds (default: the family's)" };
        var command = new Command(name, description) { model, size, steps, passes, fit };
        if (video)
        {
            command.Options.Add(frames);
            command.Options.Add(seconds);
            command.Options.Add(fps);
        }

        shared.AddTo(command);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var family = shared.FamilyCatalog(parse).Find(parse.GetValue(model)!);
            var request = new ClipRequest
            {
                Size = parse.GetValue(size) is { } s ? PixelSize.Parse(s) : null,
                Frames = video ? parse.GetValue(frames) : 1,
                Seconds = video ? parse.GetValue(seconds) : null,
                Fps = video ? parse.GetValue(fps) : null,
                Fit = ClipRequest.ParseFit(parse.GetValue(fit)),
            };
            var result = ComputePlanner.Plan(DiffusionWorkload.From(family, request) with
            {
                Steps = parse.GetValue(steps),
                PassesPerStep = parse.GetValue(passes),
            }, shared.Assumptions(parse));
            await WriteAsync(console, parse.GetValue(shared.Json), result, RenderPlan);
            return 0;
        });
        return command;
    }

    private static Command Ladder(CliConsole console)
    {
        var shared = new PlanSharedOptions();
        var command = new Command("ladder", "A 200-token prompt, a 1024² image, a 5 s 720p clip and the same clip in 4K, side by side");
        shared.AddTo(command);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var report = ModalityLadder.Build(new LadderOptions(), shared.FamilyCatalog(parse), shared.Assumptions(parse));
            await WriteAsync(console, parse.GetValue(shared.Json), report, RenderLadder);
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync<T>(CliConsole console, bool json, T result, Action<CliConsole, T> render)
    {
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(result, TokensCommand.Json));
        }
        else
        {
            render(console, result);
        }
    }

    private static void RenderPlan(CliConsole console, ComputePlan plan)
    {
        var a = plan.Assumptions;
        var table = new FittedTable(FittedColumn.Id("Quantity"), FittedColumn.Prose("Value", 1));
        table.AddRow("Workload", plan.Description);
        table.AddRow("GPU", Invariant($"{a.Gpu.Name}, {Name(a.Precision)} dense {a.PeakFlops / 1e12:N1} TFLOP/s, {a.Gpu.MemoryBandwidthTBps:0.###} TB/s"));
        table.AddRow("Tokens", Invariant($"{plan.Tokens:N0}{(plan.Clip is { } clip && clip.SequenceTokens != clip.VideoTokens ? $" ({clip.VideoTokens:N0} {(clip.Frames == 1 ? "image" : "video")} + {clip.TextTokens:N0} text)" : "")}"));
        table.AddRow("Transformer forwards", Invariant($"{plan.Forwards:N0}"));
        table.AddRow("FLOPs, linear layers", QuantityText.Flops(plan.LinearFlops));
        table.AddRow("FLOPs, attention", $"{QuantityText.Flops(plan.AttentionFlops)} ({QuantityText.Percent(plan.AttentionShare)})");
        table.AddRow("FLOPs, total", QuantityText.Flops(plan.TotalFlops));
        table.AddRow("Bytes moved", QuantityText.Bytes(plan.Bytes));
        table.AddRow("Arithmetic intensity", Invariant($"{QuantityText.Number(plan.Intensity)} FLOP/byte"));
        table.AddRow("Ridge point", Invariant(
            $"{plan.Ridge:N0} FLOP/byte at peak; {plan.EffectiveRidge:N0} at MFU {a.Mfu:0.##} and MBU {a.Mbu:0.##} (decides the bound)"));
        table.AddRow("Bound", BoundText(plan.Phases.MaxBy(p => p.Seconds)!, "-bound"));
        table.AddRow("GPU time", QuantityText.Seconds(plan.Seconds));
        table.AddRow("GPU-hours", QuantityText.Significant(plan.GpuHours));
        table.AddRow("Cost", plan.Dollars is { } usd && a.UsdPerGpuHour is { } rate
            ? $"{QuantityText.Dollars(usd)} at {QuantityText.Dollars(rate)}/GPU-hour"
            : "pass --usd-per-gpu-hour to price it");
        table.Write(console);
        if (plan.Phases.Count > 1)
        {
            console.Out.WriteLine();
            var phases = new FittedTable(
                FittedColumn.Id("Phase"), FittedColumn.Number("Tokens", 5), FittedColumn.Number("FLOPs", 7), FittedColumn.Number("Bytes", 4),
                FittedColumn.Number("FLOP/byte", 3, "FLOP/B"), FittedColumn.Number("Compute time", 2, "Compute"), FittedColumn.Number("Memory time", 1, "Memory"),
                FittedColumn.Prose("Bound", 8), FittedColumn.Number("Time", 9));
            foreach (var p in plan.Phases)
            {
                phases.AddRow(p.Name, Invariant($"{p.Tokens:N0}"), QuantityText.Flops(p.TotalFlops), QuantityText.Bytes(p.Bytes),
                    QuantityText.Number(p.Intensity), QuantityText.Seconds(p.ComputeSeconds),
                    QuantityText.Seconds(p.MemorySeconds), BoundText(p, ""), QuantityText.Seconds(p.Seconds));
            }

            phases.Write(console);
        }

        console.Out.WriteLine();
        WrappedText.WriteLine(console, Invariant(
            $"Assumes MFU {a.Mfu:0.##} of the dense {Name(a.Precision)} peak and {a.Mbu:0.##} of memory bandwidth; each phase takes the longer of its compute and memory times and is bound by that one; bytes are weights (and KV cache when described); text encoder and VAE excluded."));
    }

    private static void RenderLadder(CliConsole console, LadderReport report)
    {
        // The workload names the row, so it stays; the ratios matter more than the raw numbers beside them.
        var table = new FittedTable(
            FittedColumn.Id("Workload"), FittedColumn.Number("Tokens", 5), FittedColumn.Number("FLOPs", 6), FittedColumn.Number("× unit", 9),
            FittedColumn.Number("GPU time", 7, "Time"), FittedColumn.Number("× unit", 8), FittedColumn.Prose("Bound", 4));
        foreach (var rung in report.Rungs)
        {
            var p = rung.Plan;
            table.AddRow(rung.Label, Invariant($"{rung.Tokens:N0}"), QuantityText.FlopsShort(p.TotalFlops), QuantityText.Ratio(rung.FlopsRatio),
                QuantityText.SecondsShort(p.Seconds), QuantityText.Ratio(rung.SecondsRatio), BoundText(p.Phases.MaxBy(x => x.Seconds)!, ""));
        }

        table.Write(console);
        console.Out.WriteLine("Assumptions:");
        foreach (var line in report.Assumptions)
        {
            WrappedText.WriteLine(console, $"- {line}", indent: 2, hangingIndent: 2);
        }

        console.Out.WriteLine("What it shows:");
        foreach (var line in report.Findings)
        {
            WrappedText.WriteLine(console, $"- {line}", indent: 2, hangingIndent: 2);
        }
    }

    // The roof that sets the time; near the ridge the peak-rate roofline can say otherwise, and then both are shown.
    private static string BoundText(PhaseEstimate phase, string suffix)
    {
        var bound = (phase.Bound == Boundedness.ComputeBound ? "compute" : "memory") + suffix;
        return phase.BoundAtPeak == phase.Bound
            ? bound
            : $"{bound} ({(phase.BoundAtPeak == Boundedness.ComputeBound ? "compute" : "memory")} at peak rates)";
    }

    private static string Name(Precision precision) => precision == Precision.Fp8 ? "FP8" : "BF16";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
