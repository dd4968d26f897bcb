using Cuboid.Testing.Simulators;

namespace Cuboid.Testing.Load;

/// <summary>
/// A reproducible mix of upstream faults for load runs, shuffled with a fixed seed: per 20 requests, two 429s, two
/// 500s, two streams cut mid-way, one slow first byte (<c>slowFirstByte</c>, longer than the gateway's
/// call timeout), the rest clean.
/// </summary>
public static class LoadFaults
{
    public static Fault[] Mix(int count, TimeSpan slowFirstByte, int seed = 14)
    {
        Fault[] pattern =
        [
            Fault.RateLimited(), Fault.RateLimited(), Fault.ServerError(500), Fault.ServerError(503),
            Fault.StreamCut, Fault.StreamCut, Fault.FirstByteAfter(slowFirstByte),
            .. Enumerable.Repeat(Fault.Ok, 13),
        ];
        var faults = Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length]).ToArray();
        new Random(seed).Shuffle(faults);
        return faults;
    }
}
