using System.Diagnostics;
using Cuboid.Spacetime;

namespace Cuboid.Benchmarks.Spacetime;

/// <summary>
/// Patchify and unpatchify against a plain copy, interleaved: every round times the copy, then patchify, then
/// unpatchify of the same case, and the figure is the median over rounds of each round's ratio (and, since load only
/// ever adds time, the ratio of the fastest rounds). On a machine that
/// other builds keep busy, load changes over seconds, so the two sides of a ratio must be measured side by side;
/// BenchmarkDotNet measures one benchmark after another. Run:
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- paired-patchify [rounds]</c>.
/// </summary>
internal static class PatchifyPairedRun
{
    private const int CallsPerTiming = 10;

    public static void Run(int rounds)
    {
        foreach (var (name, shape, patch) in PatchifyBenchmarks.Cases)
        {
            var grid = PatchGrid.Create(shape, patch);
            var input = new byte[shape.ElementCount];
            new Random(42).NextBytes(input);
            var tokens = new byte[grid.TokenElementCount];
            var restored = new byte[shape.ElementCount];
            var positions = new TokenPosition[grid.TokenCount];

            var copy = new List<double>();
            var patchify = new List<double>();
            var unpatchify = new List<double>();
            var (fastestCopy, fastestPatchify, fastestUnpatchify) = (double.MaxValue, double.MaxValue, double.MaxValue);
            for (var round = 0; round < rounds + 5; round++)
            {
                var c = Time(() => input.AsSpan().CopyTo(tokens));
                var p = Time(() => Patchifier.Patchify<byte>(input, grid, tokens, positions));
                var u = Time(() => Patchifier.Unpatchify<byte>(tokens, grid, restored));
                if (round >= 5)
                {
                    // The first rounds warm up the JIT (tiering) and the caches.
                    copy.Add(c);
                    patchify.Add(p / c);
                    unpatchify.Add(u / c);
                    (fastestCopy, fastestPatchify, fastestUnpatchify) = (Math.Min(fastestCopy, c), Math.Min(fastestPatchify, p), Math.Min(fastestUnpatchify, u));
                }
            }

            Console.WriteLine(
                $"{name}: copy median {Median(copy):0.0} µs; patchify {Median(patchify):0.00}× copy (quartiles {Quantile(patchify, 0.25):0.00}-{Quantile(patchify, 0.75):0.00}); "
                + $"unpatchify {Median(unpatchify):0.00}× (quartiles {Quantile(unpatchify, 0.25):0.00}-{Quantile(unpatchify, 0.75):0.00}); "
                + $"fastest rounds: copy {fastestCopy:0.0} µs, patchify {fastestPatchify / fastestCopy:0.00}×, unpatchify {fastestUnpatchify / fastestCopy:0.00}×; {rounds} rounds");
        }
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerTiming; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerTiming;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }
}
