using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*Patchify*'
// Ratios that must hold on a busy machine are measured interleaved instead: -- paired-patchify [rounds]
if (args is ["paired-patchify", ..])
{
    Cuboid.Benchmarks.Spacetime.PatchifyPairedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
