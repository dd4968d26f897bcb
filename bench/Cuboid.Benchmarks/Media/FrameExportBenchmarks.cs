using BenchmarkDotNet.Attributes;
using Cuboid.Media;
using Cuboid.Media.Frames;
using Cuboid.Testing.Video;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// Frame export on a 60 s 720p H.264 file with a keyframe every 10 s, against a plain full decode:
/// one frame every 5 s in one select pass versus one seek per frame, and a few sparse frames by seeking.
/// These figures back the seek-or-single-pass rule in FrameExporter.ChooseMethod.
/// </summary>
[Config(typeof(MediaBenchmarkJob.Long))]
public class FrameExportBenchmarks
{
    private string _video = string.Empty;

    [GlobalSetup]
    public void Setup() => _video = VideoBuilder.Build(new VideoRecipe
    {
        Width = 1280,
        Height = 720,
        Seconds = 60,
        Fps = 25,
        Gop = 250,
        Audio = false,
    });

    [Benchmark(Baseline = true, Description = "plain decode (ffmpeg -f null)")]
    public async Task<int> PlainDecode() =>
        (await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-v", "error", "-nostdin", "-i", _video, "-f", "null", "-"])).ExitCode;

    [Benchmark(Description = "every 5 s, one select pass (12 frames)")]
    public Task<int> EverySinglePass() => Every(FrameExportMethod.SinglePass);

    [Benchmark(Description = "every 5 s, one seek per frame (12 frames)")]
    public Task<int> EverySeek() => Every(FrameExportMethod.SeekPerFrame);

    [Benchmark(Description = "3 sparse frames, seek per frame")]
    public Task<int> SparseSeek() => Run(output => FrameExporter.ExportAtAsync(
        _video, [TimeSpan.FromSeconds(12.5), TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(55)], output));

    private Task<int> Every(FrameExportMethod method) => Run(output => FrameExporter.ExportEveryAsync(
        _video, TimeSpan.FromSeconds(5), output, new FrameExportOptions { Method = method }));

    private static async Task<int> Run(Func<string, Task<FrameExportResult>> export)
    {
        var output = Path.Combine(Path.GetTempPath(), "cuboid-bench-frames-" + Guid.NewGuid().ToString("N"));
        try
        {
            return (await export(output)).Frames.Count;
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
