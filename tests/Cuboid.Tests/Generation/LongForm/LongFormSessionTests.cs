using System.Text.Json;
using Cuboid.Generation.LongForm;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Generation.Images;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>
/// Long-form runs end to end on the drifting video simulator (each clip started from a frame degrades by one fixed hop:
/// colour shift, contrast creep, slight blur; a clip pinned at both ends interpolates without compounding), with real
/// ffmpeg frame grabs, joins and the drift meter on the joined video.
/// </summary>
public sealed class LongFormSessionTests(VideoSimulatorFixture fixture, ImageSimulatorFixture imageFixture)
    : IClassFixture<VideoSimulatorFixture>, IClassFixture<ImageSimulatorFixture>, IDisposable
{
    private readonly LongFormHarness _harness = new(fixture.Sim);

    private VideoHostSimulator Sim => fixture.Sim;

    public void Dispose() => _harness.Dispose();

    private static double Growth(LongFormOutcome outcome) =>
        outcome.Drift.Report.Segments[^1].DeltaEAnchor / outcome.Drift.Report.Segments[0].DeltaEAnchor;

    [Fact]
    public async Task Over_12_segments_plain_chain_drifts_from_the_anchor_at_least_threefold()
    {
        var anchor = await TestImages.AnchorPngAsync();
        var request = LongFormHarness.Request(LongFormStrategy.Chain, 12, anchor) with { ReAnchor = ReAnchorMode.Off };

        var outcome = await new LongFormSession(_harness.Session()).RunAsync(request, _harness.Out);

        Assert.Equal(12, outcome.Drift.Report.Segments.Count);
        Assert.True(Growth(outcome) >= 3, $"anchor ΔE {outcome.Drift.Report.Segments[0].DeltaEAnchor:0.00} -> {outcome.Drift.Report.Segments[^1].DeltaEAnchor:0.00}");
        Assert.DoesNotContain(outcome.Gates, g => g.Action.StartsWith("re-anchored", StringComparison.Ordinal));
        // Each segment started from the previous one's last frame, taken at the clip's own size.
        Assert.All(outcome.Segments.Skip(1), s => Assert.EndsWith("-last.png", s.StartFrame, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_12_segments_chain_with_re_anchoring_keeps_the_last_segment_within_1_2x_of_the_first()
    {
        var anchor = await TestImages.AnchorPngAsync();
        var request = LongFormHarness.Request(LongFormStrategy.Chain, 12, anchor) with { Gates = DriftGates.Parse("deltaE=2") };

        var outcome = await new LongFormSession(_harness.Session()).RunAsync(request, _harness.Out);

        Assert.True(Growth(outcome) <= 1.2, $"anchor ΔE {string.Join(", ", outcome.Drift.Report.Segments.Select(s => s.DeltaEAnchor.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}; last frames {string.Join(", ", outcome.Segments.Select(s => s.AnchorDeltaE?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Contains(outcome.Gates, g => g.Action.StartsWith("re-anchored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_12_segments_keyframes_drawn_from_the_anchor_keep_the_last_segment_within_1_2x_of_the_first()
    {
        var anchor = await TestImages.AnchorPngAsync();
        // An image model that keeps to its reference: every keyframe is the anchor's scene.
        imageFixture.Sim.Painter = r => r.Reference ?? SimulatedImageRenderer.Render(r.Prompt, r.Width, r.Height);
        var session = _harness.Session(images: imageFixture.Sim);
        var request = LongFormHarness.Request(LongFormStrategy.Keyframes, 12, anchor);

        var plan = new LongFormSession(session, images: session.Images).Plan(request);
        var outcome = await new LongFormSession(session, images: session.Images).RunAsync(request, _harness.Out);

        Assert.True(Growth(outcome) <= 1.2, $"anchor ΔE {outcome.Drift.Report.Segments[0].DeltaEAnchor:0.00} -> {outcome.Drift.Report.Segments[^1].DeltaEAnchor:0.00}");
        Assert.Equal(12, plan.KeyframeImages);
        Assert.Equal(0.12m, plan.KeyframeDollars);
        // Keyframe 0 is the anchor itself; the other twelve came from the image model, with the anchor as reference.
        Assert.Equal(12, imageFixture.Sim.RequestCount($"painter-{_harness.Key}"));
        var segments = Sim.Jobs.Where(j => j.Model == _harness.Model("alpha-rep")).ToList();
        Assert.Equal(12, segments.Count);
        Assert.All(segments, j => Assert.NotNull(j.Spec.LastFrame));
    }

    [Fact]
    public async Task A_segment_over_its_gate_is_rendered_best_of_n_times_and_the_re_renders_are_priced_in_plan_and_report()
    {
        var anchor = await TestImages.AnchorPngAsync();
        // A gate every take trips: each segment is rendered the full three times.
        var request = LongFormHarness.Request(LongFormStrategy.Chain, 2, anchor) with { Gates = DriftGates.Parse("deltaE=0.01"), BestOf = 3, ReAnchor = ReAnchorMode.Off };
        var session = _harness.Session();

        var plan = new LongFormSession(session).Plan(request);
        var outcome = await new LongFormSession(session).RunAsync(request, _harness.Out);

        Assert.Equal(0.32m, plan.ExpectedDollars);
        Assert.Equal(0.96m, plan.WorstCaseDollars);
        Assert.Equal(6, Sim.Jobs.Count(j => j.Model == _harness.Model("alpha-rep")));
        Assert.Equal(0.96m, outcome.Dollars);
        Assert.Equal(4, outcome.Gates.Count(g => g.Action == "re-rendered"));
        Assert.Equal(0.64m, outcome.Gates.Where(g => g.Action == "re-rendered").Sum(g => g.Dollars));
    }

    [Fact]
    public async Task The_output_folder_holds_the_video_each_segment_the_storyboard_and_the_drift_report_with_its_gates()
    {
        var anchor = await TestImages.AnchorPngAsync();
        var request = LongFormHarness.Request(LongFormStrategy.Chain, 3, anchor) with { Gates = DriftGates.Parse("deltaE=2"), Crossfade = 0.25 };

        var outcome = await new LongFormSession(_harness.Session()).RunAsync(request, _harness.Out);

        Assert.True(File.Exists(Path.Combine(_harness.Out, LongFormSession.VideoName)));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_harness.Out, "segments"), "segment-??.mp4").Length);
        using var storyboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(_harness.Out, LongFormSession.StoryboardName)));
        Assert.Equal(3, storyboard.RootElement.GetProperty("shots").GetArrayLength());
        var drift = DriftJson.Deserialize(File.ReadAllText(Path.Combine(_harness.Out, DriftReportFolder.JsonName)));
        Assert.Equal(3, drift.Segments.Count);
        Assert.Contains("<section id=\"gates\"><h2>Gates", File.ReadAllText(Path.Combine(_harness.Out, DriftReportFolder.HtmlName)), StringComparison.Ordinal);
        Assert.Equal(0.08m * 2 * 3, outcome.Dollars);
    }
}
