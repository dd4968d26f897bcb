using Cuboid.Media.Analysis;
using Xunit.Abstractions;

namespace Cuboid.Tests.Media.Scenes;

[Collection(ShotReelCollection.Name)]
public class DeblockDiagTests(ShotReelFixture reels, ITestOutputHelper output)
{
    private sealed class Dump(int from, int to, List<string> lines) : IFrameConsumer
    {
        public void OnFrame(AnalysisFrame frame)
        {
            var s = frame.Stats;
            if (s.Index >= from && s.Index <= to)
            {
                var back2 = frame.At(s.Index - 2) is { } b2 ? HsvDifference.Score(frame.Planes, b2) : -1;
                var luma2 = frame.At(s.Index - 2) is { } l2 ? PlaneMath.SumAbsDiff(frame.Planes.Luma, l2.Luma) / (double)frame.PixelCount : -1;
                lines.Add($"{s.Index} luma {s.MeanLuma:0.00} motion {s.Motion:0.00} content {s.ContentScore:0.00} vs-2 {back2:0.00} luma-2 {luma2:0.00}");
            }
        }

        public void OnCompleted()
        {
        }
    }

    [Fact]
    public async Task Diag()
    {
        foreach (var mode in new[] { DeblockingSkip.None, DeblockingSkip.All })
        {
            var lines = new List<string>();
            var r = await AnalysisPass.RunAsync(reels.Path1080, new AnalysisOptions { Deblocking = mode, Consumers = [new Dump(196, 240, lines)] });
            output.WriteLine($"== {mode}: {string.Join(", ", r.Boundaries.Select(b => $"{b.Kind}@{b.Frame}:{b.Score}"))}");
            foreach (var l in lines)
            {
                output.WriteLine(l);
            }
        }
    }
}
