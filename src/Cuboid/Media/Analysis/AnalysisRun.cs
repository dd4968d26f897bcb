using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Cuboid.Media.Analysis;

/// <summary>
/// A running analysis pass: samples arrive on <see cref="Samples"/> as they are chosen (with their JPEG written,
/// when exporting), so captioning can start long before the decode ends; <see cref="Completion"/> gives the whole
/// result. Samples are delivered in the order chosen: time order, except that a first-frame-of-shot sample can
/// trail an interval sample by the few frames cut confirmation takes.
/// </summary>
public sealed class AnalysisRun
{
    internal AnalysisRun(ChannelReader<AnalysisSample> samples, Task<AnalysisResult> completion)
    {
        Samples = samples;
        Completion = completion;
    }

    /// <summary>The samples in presentation order, as the decode reaches them; completes when the pass ends.</summary>
    public ChannelReader<AnalysisSample> Samples { get; }

    /// <summary>The pass's result (scenes, motion profile, summary) once the decode has ended; faults with the pass's failure.</summary>
    public Task<AnalysisResult> Completion { get; }

    /// <summary>Reads samples as they come; ends when the pass ends, and rethrows the pass's failure.</summary>
    public async IAsyncEnumerable<AnalysisSample> ReadSamplesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var sample in Samples.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return sample;
        }

        await Completion.ConfigureAwait(false);
    }
}
