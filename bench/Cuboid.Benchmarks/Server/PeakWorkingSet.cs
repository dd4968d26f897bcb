using System.Diagnostics;

namespace Cuboid.Benchmarks.Server;

/// <summary>Samples this process's working set every 20 ms from creation until <see cref="StopAsync"/>, keeping the peak.</summary>
internal sealed class PeakWorkingSet : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampler;

    public PeakWorkingSet()
    {
        _sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            long peak = 0;
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }

            return peak;
        });
    }

    /// <summary>Stops sampling; the highest working set seen, in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampler;
    }

    public void Dispose() => _stop.Dispose();
}
