using System.Collections.Concurrent;

namespace Cuboid.Media.Probe;

/// <summary>
/// The last few probes, by full path, each kept only while the file has the size and write time it had when probed.
/// One <c>cuboid analyze</c> probes the file for its facts, for its decode pass and for its audio; with this memo
/// ffprobe runs once for all three.
/// </summary>
internal sealed class ProbeMemo
{
    // A long-running server sees many files; a small bound is enough for the probes of one command to meet.
    private const int Capacity = 32;

    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, VideoInfo Info)> _probes = new(StringComparer.Ordinal);

    public async Task<VideoInfo> ProbeAsync(string path, MediaTools tools, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var before = new FileInfo(fullPath);
        if (before.Exists && _probes.TryGetValue(fullPath, out var known) && known.Length == before.Length && known.Written == before.LastWriteTimeUtc)
        {
            return known.Info;
        }

        var info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        if (_probes.Count >= Capacity)
        {
            _probes.Clear();
        }

        // The file's identity from before the probe: a file rewritten while it was probed is probed again next time.
        _probes[fullPath] = (before.Length, before.LastWriteTimeUtc, info);
        return info;
    }
}
