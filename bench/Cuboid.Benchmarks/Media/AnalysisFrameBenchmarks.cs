using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// The managed side of the analysis pass per frame at the default 128×72 analysis size: planes and statistics
/// (RGB to luma and HSV, motion, content score), cuboid motion energy and scene detection. Decoding runs in ffmpeg in
/// parallel, so this cost only slows the pass when it competes for the same cores.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*AnalysisFrame*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class AnalysisFrameBenchmarks
{
    private const int Frames = 256;
    private readonly byte[][] _pictures = new byte[8][];
    private AnalysisFrame _frame = null!;
    private SceneDetector _scenes = null!;
    private MotionEnergyMeter _energy = null!;
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < _pictures.Length; i++)
        {
            _pictures[i] = new byte[128 * 72 * 3];
            random.NextBytes(_pictures[i]);
        }

        _frame = new AnalysisFrame(128, 72);
        _scenes = new SceneDetector(new SceneDetectionOptions());
        _energy = new MotionEnergyMeter();
    }

    [Benchmark(OperationsPerInvoke = Frames, Description = "measure frame (planes + stats)")]
    public void Measure()
    {
        for (var i = 0; i < Frames; i++, _index++)
        {
            _frame.Load(_pictures[_index % _pictures.Length], _index, _index * 0.04);
        }
    }

    [Benchmark(OperationsPerInvoke = Frames, Description = "measure + cuboid energy + scene detection")]
    public void MeasureAndDetect()
    {
        for (var i = 0; i < Frames; i++, _index++)
        {
            // Slow changes, so the detector sees mostly in-shot frames like a real video.
            _frame.Load(_pictures[(_index / 50) % _pictures.Length], _index, _index * 0.04);
            _energy.OnFrame(_frame);
            _scenes.OnFrame(_frame);
        }
    }
}
