using System.Text.Json;
using Cuboid.Generation.LongForm;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Generation.Images;
using Xunit.Abstractions;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>
/// Long-form runs end to end on the drifting video simulator (each clip started from a frame degrades by one fixed hop:
/// colour shift, contrast creep, slight blur; a clip pinned at both ends interpolates without compounding), with real
/// ffmpeg frame grabs, joins and the drift meter on the joined video.
/// </summary>
public sealed class LongFormSessionTests(VideoSimulatorFixture fixture, ImageSimulatorFixture imageFixture, ITestOutputHelper output)
    : IClassFixture<VideoSimulatorFixture>, IClassFixture<ImageSimulatorFixture>, IDisposable
{
    private readonly LongFormHarness _harness = new(fixture.Sim);

    private VideoHostSimulator Sim => fixture.Sim;

    public void Dispose() => _harness.Dispose();

    // The last segment's anchor ΔE over the first's; written to the test output, so a run shows the margin to the bar.
    private double Growth(LongFormOutcome outcome)
    {
        var growth = outcome.Drift.Report.Segments[^1].DeltaEAnchor / outcome.Drift.Report.Segments[0].DeltaEAnchor;
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"anchor ΔE growth, first to last segment: {growth:0.000}x"));
        return growth;
    }

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
    public async Task Over_12_segments_extend_continues_each_segment_natively_and_without_re_anchoring_drifts_like_chain()
    {
        var anchor = await TestImages.AnchorPngAsync();
        var request = LongFormHarness.Request(LongFormStrategy.Extend, 12, anchor) with { ReAnchor = ReAnchorMode.Off };
        var session = _harness.Session();

        var plan = new LongFormSession(session).Plan(request);
        var outcome = await new LongFormSession(session).RunAsync(request, _harness.Out);

        // Planned and made as one image-to-video opening, then eleven extensions of the segment before on its own host.
        Assert.All(plan.Segments.Skip(1), s => Assert.Equal($"replicate:{_harness.Model("alpha-rep")}", s.Route));
        var jobs = Sim.Jobs.Where(j => j.Model == _harness.Model("alpha-rep")).ToList();
        Assert.Equal(12, jobs.Count);
        Assert.Null(jobs[0].Extends);
        Assert.All(jobs.Skip(1).Zip(jobs), pair => Assert.Equal(pair.Second.Id, pair.First.Extends));
        Assert.All(outcome.Segments.Skip(1), s => Assert.NotNull(s.Extends));
        Assert.True(Growth(outcome) >= 3, $"anchor ΔE {outcome.Drift.Report.Segments[0].DeltaEAnchor:0.00} -> {outcome.Drift.Report.Segments[^1].DeltaEAnchor:0.00}");
    }

    [Fact]
    public async Task Over_12_segments_extend_with_re_anchoring_falls_back_to_image_to_video_and_stays_within_one_hop_of_the_gate()
    {
        var anchor = await TestImages.AnchorPngAsync();
        // One hop ends about 5.5 from the anchor, two about 11: an extension of a clean segment trips the gate at 8, so
        // the next segment starts from the colour-matched frame, and the one after extends again.
        var request = LongFormHarness.Request(LongFormStrategy.Extend, 12, anchor) with { Gates = DriftGates.Parse("deltaE=8") };

        var outcome = await new LongFormSession(_harness.Session()).RunAsync(request, _harness.Out);

        // An extension adds its hop before a gate can see it, so the bound is two hops, not the chain's one; unchecked, it is 12.
        var first = outcome.Segments[0].AnchorDeltaE!.Value;
        Assert.All(outcome.Segments, s => Assert.True(s.AnchorDeltaE <= 2.3 * first, $"segment {s.Segment + 1}: {s.AnchorDeltaE:0.00} vs {first:0.00}"));
        // Over the joined video, clean and extended segments alternate (a segment's mean is about half a hop, an extension's
        // one and a half), but no segment drifts far past the gate: the drift stays bounded instead of compounding.
        Assert.True(outcome.Drift.Report.Segments.All(s => s.DeltaEAnchor <= 8 * 1.25), $"anchor ΔE {string.Join(", ", outcome.Drift.Report.Segments.Select(s => s.DeltaEAnchor.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        var reAnchored = outcome.Gates.Where(g => g.Action.StartsWith("re-anchored", StringComparison.Ordinal)).Select(g => g.Segment + 1).ToList();
        Assert.NotEmpty(reAnchored);
        // A segment after a tripped gate starts from the re-derived frame; the others extend the segment before.
        Assert.All(reAnchored, i => Assert.Null(outcome.Segments[i].Extends));
        Assert.Contains(outcome.Segments.Skip(1), s => s.Extends is not null);
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
