using Cuboid.Media.Analysis;
using Cuboid.Testing.Shots;

namespace Cuboid.Tests.Media.Scenes;

/// <summary>Builds (or finds in the cache) the standard shot reels once for all scene tests.</summary>
public sealed class ShotReelFixture
{
    public ShotReelFixture()
    {
        Reel720 = ShotReelBuilder.Standard(1280, 720);
        Reel1080 = ShotReelBuilder.Standard(1920, 1080, fps: 30);
        var build720 = ShotReelBuilder.BuildAsync(Reel720);
        var build1080 = ShotReelBuilder.BuildAsync(Reel1080);
        Path720 = build720.GetAwaiter().GetResult();
        Path1080 = build1080.GetAwaiter().GetResult();
        _default720 = new Lazy<Task<AnalysisResult>>(() => AnalysisPass.RunAsync(Path720));
    }

    private readonly Lazy<Task<AnalysisResult>> _default720;

    /// <summary>The 720p reel analysed once with default options, shared by the tests that only read the result.</summary>
    public Task<AnalysisResult> Default720 => _default720.Value;

    public ShotReel Reel720 { get; }

    public ShotReel Reel1080 { get; }

    public string Path720 { get; }

    public string Path1080 { get; }
}
