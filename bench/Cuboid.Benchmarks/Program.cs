using BenchmarkDotNet.Running;
using Cuboid.Benchmarks;

// Run one suite with: dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*Patchify*'
// Ratios that must hold on a busy machine are measured interleaved instead: -- paired-patchify [rounds]
if (args is ["paired-patchify", ..])
{
    Cuboid.Benchmarks.Spacetime.PatchifyPairedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

// CPU time per frame of each drift metric, and of the drift meter at stride 1 and 4: -- drift-frame-costs FILE [rounds]
if (args is ["drift-frame-costs", var driftFile, ..])
{
    Cuboid.Benchmarks.Generation.DriftFrameCostRun.Run(driftFile, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

// Where analyze's CPU goes beyond the decode: decode, --offline, online against the simulator:
// -- analyze-costs FILE [rounds] [--cli LABEL=Cuboid.Cli.dll]... [--stages] (several CLIs run interleaved in every round)
if (args is ["analyze-costs", var costsFile, ..])
{
    await Cuboid.Benchmarks.Understanding.AnalyzeCostsRun.RunAsync(
        costsFile, Cuboid.Benchmarks.BenchArgs.Count(args[1..], 3), Cuboid.Benchmarks.BenchArgs.Options(args, "--cli"), args.Contains("--stages"));
    return;
}

// The router's own cost per call in CPU time, interleaved with the direct call (for a busy machine): -- router-overhead [rounds]
if (args is ["router-overhead", ..])
{
    Cuboid.Benchmarks.Portfolio.RouterOverheadPairedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

// 200 concurrent video jobs through the job runner against the simulator: -- video-jobs [jobs] [rounds]
if (args is ["video-jobs", ..])
{
    await Cuboid.Benchmarks.Generation.ConcurrentJobsRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// Added latency per chat completion, Cuboid's gateway and Portkey's against the same loopback upstream: -- gateway-overhead [requests] [--out FILE]
if (args is ["gateway-overhead", ..])
{
    await Cuboid.Benchmarks.Server.GatewayOverheadRun.RunAsync(BenchArgs.Count(args, 2000), BenchArgs.Option(args, "--out") ?? "gateway-overhead.md");
    return;
}

// Where the gateway's added latency goes, layer by layer (raw HTTP, SDK, Microsoft.Extensions.AI, adapter, router, gateway): -- chat-layers [requests] [--out FILE]
if (args is ["chat-layers", ..])
{
    await Cuboid.Benchmarks.Server.ChatLayersRun.RunAsync(BenchArgs.Count(args, 300), BenchArgs.Option(args, "--out") ?? "chat-layers.md");
    return;
}

// Where a chat completion through a gateway waits, event by event: -- gateway-timeline [requests] [--out FILE]
if (args is ["gateway-timeline", ..])
{
    await Cuboid.Benchmarks.Server.GatewayTimelineRun.RunAsync(BenchArgs.Count(args, 500), BenchArgs.Option(args, "--out") ?? "gateway-timeline.md");
    return;
}

// Where the gateway's CPU time per chat completion goes, step by step: -- gateway-profile [requests] [--out FILE] [--step TEXT]
if (args is ["gateway-profile", ..])
{
    await Cuboid.Benchmarks.Server.GatewayProfileRun.RunAsync(BenchArgs.Count(args, 500), BenchArgs.Option(args, "--out") ?? "gateway-profile.md", BenchArgs.Option(args, "--step"));
    return;
}

// 1,000 concurrent streamed chat requests through the gateway against a faulty simulator: -- gateway-load [streams]
if (args is ["gateway-load", ..])
{
    await Cuboid.Benchmarks.Server.GatewayLoadRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    return;
}

// Issue 15's scale-out bars on real serve processes and PostgreSQL: -- cluster-scaling [videos] [--rounds N] [--out FILE]
if (args is ["cluster-scaling", ..])
{
    await Cuboid.Benchmarks.Scale.ClusterScalingRun.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
