using BenchmarkDotNet.Attributes;
using Cuboid.Media;
using Cuboid.Media.Frames;
using Cuboid.Testing.Video;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// Keyframe preview against a plain full decode (<c>ffmpeg -i FILE -f null -</c>) of a 5-minute 1080p
/// H.264 file (a 60 s clip played 5 times) with a keyframe every 2 s or 10 s. Goal: preview at least 100× real time.
/// </summary>
[Config(typeof(MediaBenchmarkJob.Long))]
public class KeyframePreviewBenchmarks
{
    private string _video = string.Empty;

    [Params(2, 10)]
    public int KeyframeSeconds { get; set; }

    [GlobalSetup]
    public void Setup() => _video = VideoBuilder.Build(new VideoRecipe
    {
        Width = 1920,
        Height = 1080,
        Seconds = 60,
        Repeat = 5,
        Crf = 28,
        Fps = 25,
        Gop = 25 * KeyframeSeconds,
        Source = "testsrc2",
        Audio = false,
    });

    [Benchmark(Baseline = true, Description = "plain decode (ffmpeg -f null)")]
    public async Task<int> PlainDecode() =>
        (await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-v", "error", "-nostdin", "-i", _video, "-f", "null", "-"])).ExitCode;

    /// <summary>What the preview cannot beat: ffmpeg decoding the keyframes and nothing else. The gap to it is Cuboid's own
    /// overhead (probe, scaling, JPEG encoding, process start).</summary>
    [Benchmark(Description = "keyframe-only decode (ffmpeg -skip_frame nokey -f null)")]
    public async Task<int> KeyframeDecode() =>
        (await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-v", "error", "-nostdin", "-skip_frame", "nokey", "-i", _video, "-f", "null", "-"])).ExitCode;

    [Benchmark(Description = "keyframe preview, 320 px")]
    public async Task<int> Preview()
    {
        var output = Path.Combine(Path.GetTempPath(), "cuboid-bench-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            return (await KeyframePreview.CreateAsync(_video, output)).Frames.Count;
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
