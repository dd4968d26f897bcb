using System.Globalization;
using System.Threading.Channels;
using Cuboid.Media.Frames;
using Cuboid.Media.Sampling;

namespace Cuboid.Media.Analysis;

/// <summary>
/// Turns sampling decisions into <see cref="AnalysisSample"/>s and delivers them in time order, with or without export,
/// so whatever reads the stream (the near-duplicate skipper, the per-sample motion) sees the same sequence in a plan and
/// in a run. A choice can only name a frame still in <see cref="AnalysisFrame"/>'s history, so a sample is released
/// once the pass is a whole history past it (and, when exporting, once its JPEG is in place).
/// When exporting, ffmpeg has already JPEG-encoded every frame that could become a sample (see
/// <see cref="AnalysisCommandLine"/>); a chosen frame's candidate file is moved into the export folder once ffmpeg has
/// finished writing it, and unchosen candidates are deleted. A chosen frame with no candidate (rare: fade ends, cuts
/// the cheap scene score missed) is known as soon as a later candidate arrives, since candidates come in time order.
/// Once the pass is <see cref="FrameExporter.SeekWhenGapsAtLeast"/> past the last such frame, the group is cut by one
/// seek each during the pass when <see cref="FrameExporter.ChooseMethod"/> finds it sparse (two processes at a time,
/// each decodes at most a GOP); what is left at the end goes through the same rule: seeks, or one batched ffmpeg run
/// that selects them all by timestamp (one process, one decode up to the last of them).
/// </summary>
internal sealed class SampleCollector : IAsyncDisposable
{
    // ffmpeg's export branch can run a pipe's worth of frames ahead of the reader, and a choice can come a whole
    // history later, so candidates are kept well beyond both.
    private const int CandidatesKept = 4 * AnalysisFrame.HistoryLength;

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
    private readonly SortedList<long, Pending> _undelivered = [];
    private readonly List<Pending> _missing = [];
    private readonly List<Task> _seeks = [];
    private readonly SemaphoreSlim _seekSlots = new(ParallelSeeks);
    private readonly CancellationTokenSource _seekCancellation = new();
    private readonly Dictionary<long, long> _candidateByPts = [];
    private readonly Queue<long> _candidateOrder = new();
    private readonly long[] _ptsHistory = new long[AnalysisFrame.HistoryLength];
    private long _exportedThroughPts = long.MinValue;
    private long _settledThrough = -1;
    private double _now;
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

    /// <summary>Called for every decoded frame before any choice made on it.</summary>
    public void OnFrame(long index, long pts, double time)
    {
        _ptsHistory[index % _ptsHistory.Length] = pts;
        _now = time;
        // From now on, choices name frame index - HistoryLength + 1 or later.
        _settledThrough = index - AnalysisFrame.HistoryLength;
        if (_undelivered.Count > 0 || !_log.ExportStamps.IsEmpty)
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
        var pts = index > frame.Index - AnalysisFrame.HistoryLength ? _ptsHistory[index % _ptsHistory.Length] : long.MinValue;
        _undelivered.Add(index, new Pending(sample, pts));
        Resolve();
    }

    /// <summary>After ffmpeg has exited: every candidate is on disk; cut the missing ones, deliver the rest.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _settledThrough = long.MaxValue;
        _exportedThroughPts = long.MaxValue;
        Resolve();
        foreach (var pending in _undelivered.Values.Where(p => _exportDirectory is not null && !p.IsReady && !p.Missing && p.Seek is null))
        {
            // Its candidate was announced but never written.
            pending.Missing = true;
            _missing.Add(pending);
        }

        if (_missing.Count > 0)
        {
            // The batch decodes from the start to the last missing frame, so that is the span the rule weighs.
            var span = TimeSpan.FromSeconds(_missing.Max(p => p.Sample.Time));
            if (FrameExporter.ChooseMethod(_missing.Count, span) != FrameExportMethod.SinglePass || !await ExportBatchAsync(cancellationToken).ConfigureAwait(false))
            {
                SeekMissing();
            }
        }

        try
        {
            await Task.WhenAll(_seeks).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _seeks.Clear();
        }

        Resolve();
    }

    /// <summary>Stops and waits for seeks still running (the pass failed or was cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        await _seekCancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_seeks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The pass's own failure is the one reported.
        }

        _seekCancellation.Dispose();
        _seekSlots.Dispose();
    }

    // One ffmpeg run selects every missing frame by its timestamp and stops after the last one. False when a
    // timestamp did not come out the same (then the caller seeks each frame instead).
    private async Task<bool> ExportBatchAsync(CancellationToken cancellationToken)
    {
        var missing = _missing.Where(p => p.Pts != long.MinValue).OrderBy(p => p.Pts).ToList();
        if (missing.Count != _missing.Count || missing.Select(p => p.Pts).Distinct().Count() != missing.Count)
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
        var run = await MediaProcess.RunAsync(_options.Tools.FfmpegPath, args, cancellationToken).ConfigureAwait(false);
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
            missing[i].ImagePath = target;
        }

        _missing.Clear();
        return true;
    }

    private void Resolve()
    {
        if (_exportDirectory is not null)
        {
            FindCandidates();
        }

        // Deliver in frame order: stop at the first sample that may still gain an earlier neighbour or lacks its JPEG.
        while (_undelivered.Count > 0)
        {
            var first = _undelivered.GetValueAtIndex(0);
            if (first.Sample.FrameIndex > _settledThrough || (_exportDirectory is not null && !first.IsReady))
            {
                break;
            }

            _undelivered.RemoveAt(0);
            Deliver(first.ImagePath is null ? first.Sample : first.Sample with { ImagePath = first.ImagePath });
        }
    }

    private void FindCandidates()
    {
        while (_log.ExportStamps.TryDequeue(out var stamp))
        {
            Candidates++;
            _candidateByPts[stamp.Pts] = stamp.Number;
            _candidateOrder.Enqueue(stamp.Pts);
            _exportedThroughPts = Math.Max(_exportedThroughPts, stamp.Pts);
            if (_candidateOrder.Count > CandidatesKept)
            {
                Forget(_candidateOrder.Dequeue());
            }
        }

        foreach (var pending in _undelivered.Values)
        {
            if (pending.ImagePath is not null || pending.Missing)
            {
                continue;
            }

            if (!_candidateByPts.TryGetValue(pending.Pts, out var number))
            {
                // Candidates come in time order: once a later one has been written, this one never will be.
                if (pending.Pts == long.MinValue || pending.Pts < _exportedThroughPts)
                {
                    pending.Missing = true;
                    _missing.Add(pending);
                }

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
            pending.ImagePath = target;
        }

        // A quiet stretch after the last missing frame closes the group: sparse groups are cut now, by seeks that run
        // beside the decode, so the samples behind them are not held until the end of the pass.
        if (_missing.Count > 0 && _now - _missing[^1].Sample.Time >= FrameExporter.SeekWhenGapsAtLeast.TotalSeconds
            && FrameExporter.ChooseMethod(_missing.Count, TimeSpan.FromSeconds(_missing[^1].Sample.Time)) == FrameExportMethod.SeekPerFrame)
        {
            SeekMissing();
        }
    }

    private void SeekMissing()
    {
        foreach (var pending in _missing)
        {
            var target = TargetPath(pending.Sample.FrameIndex);
            pending.Seek = SeekAsync(pending.Sample.Time, target);
            _seeks.Add(pending.Seek);
            FallbackRuns++;
            Fallbacks++;
        }

        _missing.Clear();
    }

    private async Task<string> SeekAsync(double time, string target)
    {
        var token = _seekCancellation.Token;
        await _seekSlots.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await ExportBySeekAsync(time, target, token).ConfigureAwait(false);
            return target;
        }
        finally
        {
            _seekSlots.Release();
        }
    }

    private void Forget(long pts)
    {
        if (!_candidateByPts.Remove(pts, out var number) || _undelivered.Values.Any(p => p.Pts == pts && p.ImagePath is null))
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
            // One decoder thread: the seek decodes a few frames from a keyframe, where frame threads only add their
            // start-up and decode frames past the one wanted (same pixels either way; docs/PERFORMANCE.md).
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-threads", "1",
            "-ss", Math.Max(0, time - 0.0005).ToString("0.######", CultureInfo.InvariantCulture),
            "-i", _input, "-frames:v", "1",
            "-vf", $"scale={_exportSize.Width}:{_exportSize.Height}:flags=bicubic,setsar=1,format=yuvj420p",
            "-q:v", _options.JpegQuality.ToString(CultureInfo.InvariantCulture), "-f", "image2", temporary,
        };
        var run = await MediaProcess.RunAsync(_options.Tools.FfmpegPath, args, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0 || !File.Exists(temporary))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{_input}: could not export the frame at {time:0.###}s: {run.StderrTail.LastOrDefault() ?? "no details"}");
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

    // A chosen frame on its way out: its JPEG comes from a candidate, a seek or the batch.
    private sealed class Pending(AnalysisSample sample, long pts)
    {
        public AnalysisSample Sample { get; } = sample;

        public long Pts { get; } = pts;

        public string? ImagePath { get; set; }

        /// <summary>No candidate will come for it: it waits for a seek or the batch.</summary>
        public bool Missing { get; set; }

        public Task<string>? Seek { get; set; }

        /// <summary>A seek's failure surfaces here, on the pass's thread.</summary>
        public bool IsReady
        {
            get
            {
                if (ImagePath is not null)
                {
                    return true;
                }

                if (Seek is { IsCompleted: true } seek)
                {
                    ImagePath = seek.GetAwaiter().GetResult();
                    return true;
                }

                return false;
            }
        }
    }
}
