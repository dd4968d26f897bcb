using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*Patchify*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
