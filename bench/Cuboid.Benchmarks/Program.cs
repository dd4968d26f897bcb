using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*Patchify*'
// Ratios that must hold on a busy machine are measured interleaved instead: -- paired-patchify [rounds]
if (args is ["paired-patchify", ..])
{
    Cuboid.Benchmarks.Spacetime.PatchifyPairedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
