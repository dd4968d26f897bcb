using System.Globalization;
using System.Threading.Channels;
using Cuboid.Media.Frames;
using Cuboid.Media.Sampling;

namespace Cuboid.Media.Analysis;

/// <summary>
/// Turns sampling decisions into <see cref="AnalysisSample"/>s and delivers them. When exporting, ffmpeg has
/// already JPEG-encoded every frame that could become a sample (see <see cref="AnalysisCommandLine"/>); a chosen
/// frame's candidate file is moved into the export folder once ffmpeg has finished writing it, and unchosen
/// candidates are deleted. Chosen frames with no candidate (rare: fade ends, cuts the cheap scene score missed) are
/// cut after the pass by <see cref="FrameExporter.ChooseMethod"/>'s density rule: few or sparse frames with one seek
/// each (two processes at a time; each decodes at most a GOP), dense ones in one batched ffmpeg run that selects them
/// all by timestamp (one process, one decode up to the last of them).
/// </summary>
internal sealed class SampleCollector
{
    private const int CandidatesKept = 64;

    private const int ParallelSeeks = 2;

    private readonly ChannelWriter<AnalysisSample> _writer;
    private readonly AnalysisOptions _options;
    private readonly string _input;
    private readonly string? _exportDirectory;
    private readonly string? _candidateDirectory;
    private readonly FrameSize _exportSize;
    private readonly ShowinfoLog _log;
    private readonly HashSet<long> _chosen = [];
    private readonly List<AnalysisSample> _samples = [];
    private readonly List<Pending> _pending = [];
    private readonly Dictionary<long, long> _candidateByPts = [];
    private readonly Queue<long> _candidateOrder = new();
    private readonly long[] _ptsHistory = new long[AnalysisFrame.HistoryLength];
    private float _motionSincePrevious;

    public SampleCollector(
        ChannelWriter<AnalysisSample> writer,
        AnalysisOptions options,
        string input,
        string? exportDirectory,
        string? candidateDirectory,
        FrameSize exportSize,
        ShowinfoLog log)
    {
        _writer = writer;
        _options = options;
        _input = input;
        _exportDirectory = exportDirectory;
        _candidateDirectory = candidateDirectory;
        _exportSize = exportSize;
        _log = log;
    }

    public IReadOnlyList<AnalysisSample> Samples => _samples;

    public int Fallbacks { get; private set; }

    public int Candidates { get; private set; }

    public int FallbackRuns { get; private set; }

    public void OnFrame(long index, long pts)
    {
        _ptsHistory[index % _ptsHistory.Length] = pts;
        if (_pending.Count > 0 || !_log.ExportStamps.IsEmpty)
        {
            Resolve();
        }
    }

    public void OnSlab(CuboidEnergy slab) => _motionSincePrevious = Math.Max(_motionSincePrevious, slab.ActiveFraction);

    public void Choose(AnalysisFrame frame, long index, SampleReason reason)
    {
        if (!_chosen.Add(index))
        {
            return;
        }

        var planes = frame.At(index) ?? frame.Planes;
        var sample = new AnalysisSample(
            index,
            planes.Stats.Time,
            reason,
            planes.Stats,
            FrameSignature.Of(planes, frame.Width, frame.Height),
            _motionSincePrevious,
            null);
        _motionSincePrevious = 0;
        if (_exportDirectory is null)
        {
            Deliver(sample);
            return;
        }

        _pending.Add(new Pending(sample, _ptsHistory[index % _ptsHistory.Length]));
        Resolve();
    }

    /// <summary>After ffmpeg has exited: every candidate is on disk; cut the missing ones with a seek.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Resolve();
        if (_pending.Count == 0)
        {
            return;
        }

        // The batch decodes from the start to the last missing frame, so that is the span the rule weighs.
        var span = TimeSpan.FromSeconds(_pending.Max(p => p.Sample.Time));
        if (FrameExporter.ChooseMethod(_pending.Count, span) == FrameExportMethod.SinglePass && await ExportBatchAsync(cancellationToken))
        {
            return;
        }

        var seeks = _pending.OrderBy(p => p.Sample.Time).ToList();
        await Parallel.ForEachAsync(
            seeks,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSeeks, CancellationToken = cancellationToken },
            (pending, token) => new ValueTask(ExportBySeekAsync(pending.Sample.Time, TargetPath(pending.Sample.FrameIndex), token)));
        foreach (var pending in seeks)
        {
            FallbackRuns++;
            Fallbacks++;
            _pending.Remove(pending);
            Deliver(pending.Sample with { ImagePath = TargetPath(pending.Sample.FrameIndex) });
        }
    }

    // One ffmpeg run selects every missing frame by its timestamp and stops after the last one. False when a
    // timestamp did not come out the same (then the caller seeks each frame instead).
    private async Task<bool> ExportBatchAsync(CancellationToken cancellationToken)
    {
        var missing = _pending.Where(p => p.Pts != long.MinValue).OrderBy(p => p.Pts).ToList();
        if (missing.Count != _pending.Count || missing.Select(p => p.Pts).Distinct().Count() != missing.Count)
        {
            return false;
        }

        var folder = Path.Combine(_candidateDirectory!, "batch");
        Directory.CreateDirectory(folder);
        var select = string.Join('+', missing.Select(p => string.Create(CultureInfo.InvariantCulture, $"eq(pts\\,{p.Pts})")));
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y" };
        if (_options.Threads is { } threads)
        {
            args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange([
            "-i", _input, "-filter_complex",
            $"[0:V:0]select={select},scale={_exportSize.Width}:{_exportSize.Height}:flags=bicubic,setsar=1,format=yuvj420p[cuboid_export]",
            "-map", "[cuboid_export]", "-vsync", "passthrough", "-frames:v", missing.Count.ToString(CultureInfo.InvariantCulture),
            "-c:v", "mjpeg", "-q:v", _options.JpegQuality.ToString(CultureInfo.InvariantCulture),
            "-f", "image2", "-start_number", "0", AnalysisPass.CandidatePattern(folder),
        ]);
        var run = await MediaProcess.RunAsync(_options.Tools.FfmpegPath, args, cancellationToken);
        FallbackRuns++;
        var files = Directory.GetFiles(folder, "c*.jpg").Order(StringComparer.Ordinal).ToList();
        if (run.ExitCode != 0 || files.Count != missing.Count)
        {
            Directory.Delete(folder, recursive: true);
            return false;
        }

        for (var i = 0; i < missing.Count; i++)
        {
            var target = TargetPath(missing[i].Sample.FrameIndex);
            File.Move(files[i], target, overwrite: true);
            Fallbacks++;
            _pending.Remove(missing[i]);
            Deliver(missing[i].Sample with { ImagePath = target });
        }

        return true;
    }

    private void Resolve()
    {
        while (_log.ExportStamps.TryDequeue(out var stamp))
        {
            Candidates++;
            _candidateByPts[stamp.Pts] = stamp.Number;
            _candidateOrder.Enqueue(stamp.Pts);
            if (_candidateOrder.Count > CandidatesKept)
            {
                Forget(_candidateOrder.Dequeue());
            }
        }

        for (var i = 0; i < _pending.Count; i++)
        {
            var pending = _pending[i];
            if (!_candidateByPts.TryGetValue(pending.Pts, out var number))
            {
                continue;
            }

            var candidate = CandidatePath(number);
            if (!File.Exists(candidate))
            {
                continue; // ffmpeg has not finished writing it (it renames the file when complete).
            }

            var target = TargetPath(pending.Sample.FrameIndex);
            File.Move(candidate, target, overwrite: true);
            _candidateByPts.Remove(pending.Pts);
            _pending.RemoveAt(i--);
            Deliver(pending.Sample with { ImagePath = target });
        }
    }

    private void Forget(long pts)
    {
        if (!_candidateByPts.Remove(pts, out var number) || _pending.Any(p => p.Pts == pts))
        {
            return;
        }

        try
        {
            File.Delete(CandidatePath(number));
        }
        catch (IOException)
        {
            // Removed with the candidate folder at the end.
        }
    }

    private async Task ExportBySeekAsync(double time, string target, CancellationToken cancellationToken)
    {
        var temporary = target + ".part.jpg";
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-ss", Math.Max(0, time - 0.0005).ToString("0.######", CultureInfo.InvariantCulture),
            "-i", _input, "-frames:v", "1",
            "-vf", $"scale={_exportSize.Width}:{_exportSize.Height}:flags=bicubic,setsar=1,format=yuvj420p",
            "-q:v", _options.JpegQuality.ToString(CultureInfo.InvariantCulture), "-f", "image2", temporary,
        };
        var run = await MediaProcess.RunAsync(_options.Tools.FfmpegPath, args, cancellationToken);
        if (run.ExitCode != 0 || !File.Exists(temporary))
        {
            throw CuboidException.Input($"{_input}: could not export the frame at {time:0.###}s: {run.StderrTail.LastOrDefault() ?? "no details"}");
        }

        File.Move(temporary, target, overwrite: true);
    }

    private string CandidatePath(long number) =>
        Path.Combine(_candidateDirectory!, string.Create(CultureInfo.InvariantCulture, $"c{number:D8}.jpg"));

    private string TargetPath(long frameIndex) =>
        Path.Combine(_exportDirectory!, string.Create(CultureInfo.InvariantCulture, $"frame-{frameIndex:D7}.jpg"));

    private void Deliver(AnalysisSample sample)
    {
        _samples.Add(sample);
        _writer.TryWrite(sample);
    }

    private sealed record Pending(AnalysisSample Sample, long Pts);
}
