using Cuboid.Media.Analysis;
using Cuboid.Testing.Shots;
using Cuboid.Testing.Video;
using Xunit.Abstractions;

namespace Cuboid.Tests.Media.Analysis;

/// <summary>
/// Plan = run: a plan (no export) and a run (JPEGs exported, some cut by seeks or the batch) must stream the same
/// samples in the same order, or whatever reads the stream (near-duplicate skipping, per-sample motion) decides
/// differently in the two.
/// </summary>
public sealed class SampleOrderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Samples_stream_in_time_order_with_or_without_export()
    {
        var path = await ShotReelBuilder.BuildAsync(PlanFidelityReel.Recipe);

        var planned = await StreamAsync(path, new AnalysisOptions());
        var exported = await StreamAsync(path, new AnalysisOptions { ExportDirectory = VideoBuilder.NewFolder() });
        // No frame passes ffmpeg's scene score: every after-cut JPEG is cut after its candidate failed to come.
        var seeked = await StreamAsync(path, new AnalysisOptions { ExportDirectory = VideoBuilder.NewFolder(), CutCandidateScene = 2 });

        output.WriteLine(string.Join(", ", planned.Select(s => $"{s.Reason}@{s.FrameIndex}")));
        output.WriteLine(string.Join(", ", seeked.Select(s => $"{s.Reason}@{s.FrameIndex}")));
        Assert.Equal(planned.Select(s => s.FrameIndex).Order(), planned.Select(s => s.FrameIndex));
        Assert.Equal(planned.Select(Key), exported.Select(Key));
        Assert.Equal(planned.Select(Key), seeked.Select(Key));
        Assert.All(seeked, s => Assert.True(File.Exists(s.ImagePath), $"frame {s.FrameIndex} has no JPEG"));
    }

    [Fact]
    public async Task A_lone_frame_without_a_candidate_is_cut_while_the_pass_goes_on()
    {
        // One cut at 2.4 s, then 44 s of one shot: the cut's JPEG never comes from the export branch.
        var path = await ShotReelBuilder.BuildAsync(new ShotReel(640, 360, 25, [new Shot("testsrc2", 60), new Shot("smptebars", 1100)]));
        var folder = VideoBuilder.NewFolder();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seeked = new WaitAt(900, () => File.Exists(Path.Combine(folder, "frame-0000060.jpg")));
        var delivered = new WaitAt(1000, () => received.Task.IsCompleted);

        var run = AnalysisPass.Start(path, new AnalysisOptions { ExportDirectory = folder, CutCandidateScene = 2, Consumers = [seeked, delivered] });
        await foreach (var sample in run.ReadSamplesAsync())
        {
            if (sample.FrameIndex == 60)
            {
                received.TrySetResult();
            }
        }

        var result = await run.Completion;
        Assert.True(seeked.Met, "the seek for the cut at 2.4 s had not run 20 s of video later");
        Assert.True(delivered.Met, "the cut's sample had not streamed out before the end of the pass");
        Assert.Equal((1, 1), (result.ExportFallbacks, result.ExportFallbackRuns));
        Assert.Equal(result.Samples.Count, Directory.GetFiles(folder).Length);
    }

    private static (long, Cuboid.Media.Sampling.SampleReason, float, ulong) Key(AnalysisSample sample) =>
        (sample.FrameIndex, sample.Reason, sample.MotionSincePrevious, sample.Signature.DifferenceHash);

    private static async Task<List<AnalysisSample>> StreamAsync(string path, AnalysisOptions options)
    {
        var run = AnalysisPass.Start(path, options);
        var samples = new List<AnalysisSample>();
        await foreach (var sample in run.ReadSamplesAsync())
        {
            samples.Add(sample);
        }

        await run.Completion;
        return samples;
    }

    // Holds the pass at one frame until a condition holds (or 30 s pass), to see what has happened by then.
    private sealed class WaitAt(long frameIndex, Func<bool> condition) : IFrameConsumer
    {
        public bool Met { get; private set; }

        public void OnFrame(AnalysisFrame frame)
        {
            if (frame.Index == frameIndex)
            {
                Met = SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(30));
            }
        }

        public void OnCompleted()
        {
        }
    }
}
