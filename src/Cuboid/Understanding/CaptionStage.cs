using System.Collections.Concurrent;
using Cuboid.Storage;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Captions frames while the analysis pass is still choosing them: near-duplicates are dropped as they
/// arrive, the rest are captioned with bounded concurrency, each caption is looked up in and saved to the
/// cache (so an interrupted run resumes without paying twice). A budget, provider or transport failure
/// (<see cref="StageFailure"/>) stops further calls; later frames are still listed, uncaptioned, and the failure is
/// returned, not thrown. The caption's model is the response's <c>ModelId</c>.
/// </summary>
public sealed class CaptionStage
{
    private readonly IChatClient? _captioner;
    private readonly IAnalysisCache? _cache;
    private readonly IReadOnlyList<string> _cacheModels;
    private readonly string? _focus;
    private readonly int _concurrency;
    private readonly TimeProvider _time;

    public CaptionStage(IChatClient? captioner, IAnalysisCache? cache, IReadOnlyList<string> cacheModels, string? focus, int concurrency, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _captioner = captioner;
        _cache = cache;
        _cacheModels = cacheModels;
        _focus = focus;
        _concurrency = concurrency;
        _time = time;
    }

    /// <summary>Called after each frame is planned or captioned: (captioned or cached so far, kept so far).</summary>
    public Action<int, int>? Progress { get; init; }

    /// <param name="reportDirectory">Frame paths in the report are made relative to it.</param>
    public async Task<CaptionStageResult> RunAsync(IAsyncEnumerable<PlannedFrame> frames, NearDuplicateFilter filter, string reportDirectory, CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<ReportSample>();
        var promptKey = CaptionPrompt.Key(_focus);
        var kept = 0;
        var done = 0;
        var calls = 0;
        var hits = 0;
        CuboidException? stop = null;

        async IAsyncEnumerable<PlannedFrame> KeptFrames()
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken))
            {
                if (filter.Keep(frame))
                {
                    Interlocked.Increment(ref kept);
                    Progress?.Invoke(Volatile.Read(ref done), Volatile.Read(ref kept));
                    yield return frame;
                }
                else
                {
                    frame.Discard();
                }
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(KeptFrames(), options, async (frame, ct) =>
        {
            var relative = Path.GetRelativePath(reportDirectory, frame.FramePath).Replace('\\', '/');
            var sample = new ReportSample(frame.Time, frame.Reason, relative);
            if (_captioner is null || Volatile.Read(ref stop) is not null)
            {
                samples.Add(sample);
                return;
            }

            var bytes = await File.ReadAllBytesAsync(frame.FramePath, ct).ConfigureAwait(false);
            var hash = ContentHash.Of(bytes);
            if (_cache?.FindCaption(hash, promptKey, _cacheModels) is { } cached)
            {
                Interlocked.Increment(ref hits);
                samples.Add(sample with { Caption = cached.Caption, Model = cached.Model, FromCache = true });
            }
            else
            {
                try
                {
                    // The one caption request (AnalysisRequests): the router ranks and budgets it as the plan did.
                    var response = await _captioner.GetResponseAsync(AnalysisRequests.Caption(frame.Time, _focus, bytes), AnalysisRequests.CaptionOptions(), ct).ConfigureAwait(false);
                    Interlocked.Increment(ref calls);
                    var model = response.ModelId ?? _cacheModels.FirstOrDefault() ?? "unknown";
                    var caption = response.Text.Trim();
                    _cache?.PutCaption(hash, promptKey, model, caption, _time.GetUtcNow());
                    samples.Add(sample with { Caption = caption, Model = model });
                }
                catch (Exception ex) when (StageFailure.Stop(ex, "caption", cancellationToken) is { } failure)
                {
                    Interlocked.CompareExchange(ref stop, failure, null);
                    samples.Add(sample);
                    return;
                }
            }

            Progress?.Invoke(Interlocked.Increment(ref done), Volatile.Read(ref kept));
        }).ConfigureAwait(false);

        return new CaptionStageResult([.. samples.OrderBy(s => s.Time)], filter.Skipped, calls, hits, stop);
    }
}
